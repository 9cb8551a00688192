using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

/// <summary>
/// One effect of an instance for the dispatcher to carry out (an <see cref="OutboxMessage"/>, with its data as JSON
/// text so Orleans can copy it), or the report of a child's end to its parent (<see cref="ChildEndedKind"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WorkflowOutboxItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? To,
    [property: Id(4)] string? DataJson,
    [property: Id(5)] string? CallId,
    [property: Id(6)] string StepId,
    [property: Id(7)] DateTimeOffset At)
{
    /// <summary>A child instance ended: tell the parent (<see cref="Name"/> is the parent's key, <see cref="CallId"/> its call).</summary>
    public const string ChildEndedKind = "child-ended";

    public static WorkflowOutboxItem From(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Id, message.Kind, message.Name, message.To, message.Data?.ToJsonString(), message.CallId, message.StepId, message.At);
    }
}

/// <summary>What the dispatcher reports back once it carried items out: their ids, and the tenants each task's role meant.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkflowOutboxReceipt(
    [property: Id(0)] IReadOnlyList<string> Done,
    [property: Id(1)] IReadOnlyDictionary<string, IReadOnlyList<string>> TaskAssignees);
