using Network.Domain.Audit;

namespace Network.Domain.Workflows;

/// <summary>
/// One event for an instance to take (<see cref="IWorkflowInstanceGrain.DeliverMany"/>), with what the call that
/// raised it carried: its trace (the journal line the event makes carries that trace's id) and the change it
/// declared for the audit trail (the write that applies the event stores that line). Several events in one call
/// each keep their own, although they arrive in one grain call's context.
/// </summary>
/// <param name="TraceParent">The W3C id of the raising call's activity, if it had one.</param>
/// <param name="Audit">The change the raising call declared (<see cref="AuditOperation.Current"/>), if any.</param>
[GenerateSerializer, Immutable]
public sealed record EventDelivery(
    [property: Id(0)] string Name,
    [property: Id(1)] string DataJson,
    [property: Id(2)] string EventId,
    [property: Id(3)] string? TraceParent = null,
    [property: Id(4)] AuditEntry? Audit = null);
