using System.Diagnostics;

namespace Network.Domain.Workflows;

/// <summary>
/// Continues the trace of the call that raised an event where several events are handled in one call (a dispatch or
/// an instance taking a commitment's waiting events together): each event's work, and the journal line it makes,
/// stays under its own trace rather than the batch's.
/// </summary>
public static class WorkflowTraces
{
    private static readonly ActivitySource Source = new("Network.Workflows");

    /// <summary>
    /// A child of <paramref name="traceParent"/> (a W3C id), current until disposed; null when there is no parent or
    /// nobody listens (the host listens to every "Network" source, see its <c>TraceActivities</c>).
    /// </summary>
    public static Activity? Continue(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity("workflow.event", ActivityKind.Internal, parent)
            : null;
}
