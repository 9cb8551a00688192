using System.Diagnostics;
using System.Text.Json.Nodes;
using Network.Domain.Audit;

namespace Network.Domain.Workflows;

/// <summary>
/// A domain event handed to the workflows (<see cref="WorkflowTriggers.DispatchManyAsync"/>): its name, data and id,
/// what it is about (names the instances it starts), and the trace and audit line of the call that raised it, so a
/// dispatch of several events still starts and resumes instances under each event's own.
/// </summary>
public sealed record DispatchedEvent(string Name, JsonObject Data, string SubjectId, string EventId, string? TraceParent, AuditEntry? Audit)
{
    /// <summary>The event as raised by the current call: its trace and its declared change.</summary>
    public static DispatchedEvent InThisCall(string name, JsonObject data, string subjectId, string eventId) =>
        new(name, data, subjectId, eventId, Activity.Current?.Id, AuditOperation.Current);

    /// <summary>What an instance is given: the data as JSON (made once per event, shared by every instance it goes to).</summary>
    public EventDelivery ToDelivery(string dataJson) => new(Name, dataJson, EventId, TraceParent, Audit);

    /// <summary>
    /// The calls made until disposed go as if from the call that raised the event: under its trace, with its change
    /// declared (or none, if it declared none).
    /// </summary>
    public IDisposable EnterItsCall() => new RaisingCall(WorkflowTraces.Continue(TraceParent), Audit is { } audit ? AuditOperation.Enter(audit) : AuditOperation.Suspend());

    private sealed class RaisingCall(Activity? trace, IDisposable audit) : IDisposable
    {
        public void Dispose()
        {
            audit.Dispose();
            trace?.Dispose();
        }
    }
}
