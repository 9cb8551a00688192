using System.Text.Json.Nodes;

namespace Network.Workflows.Runtime;

/// <summary>
/// An effect for the host to carry out once the state holding it is persisted, then acknowledge
/// (<see cref="WorkflowInterpreter.Acknowledge"/>). <see cref="Id"/> is unique across instances, so consumers can
/// drop a message they have already seen.
/// </summary>
public sealed record OutboxMessage
{
    public string Id { get; init; } = "";

    /// <summary>One of <see cref="OutboxKinds"/>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The event name (<c>event</c>), or the workflow id (<c>call</c>, <c>cancel-call</c>).</summary>
    public string? Name { get; init; }

    /// <summary>The tenant or role (<c>notification</c>, <c>escalation</c>, <c>task</c>).</summary>
    public string? To { get; init; }

    /// <summary>The event's data; the message and level of a notification or escalation; a call's inputs.</summary>
    public JsonNode? Data { get; init; }

    /// <summary>For <c>call</c> and <c>cancel-call</c>: the call's id (the child's instance id is the host's to derive from it).</summary>
    public string? CallId { get; init; }

    public string StepId { get; init; } = "";

    public DateTimeOffset At { get; init; }
}

/// <summary>The kinds of <see cref="OutboxMessage"/>.</summary>
public static class OutboxKinds
{
    /// <summary>A <c>publish</c>: put <see cref="OutboxMessage.Name"/> with its data on the bus.</summary>
    public const string Event = "event";

    public const string Notification = "notification";

    public const string Escalation = "escalation";

    /// <summary>A human task was assigned (the task itself is in <see cref="WorkflowInstanceState.Tasks"/>).</summary>
    public const string Task = "task";

    /// <summary>Start a child instance of workflow <see cref="OutboxMessage.Name"/> with inputs <see cref="OutboxMessage.Data"/>; report its end with <see cref="ChildCompleted"/>.</summary>
    public const string Call = "call";

    /// <summary>The call's path was cancelled: cancel the child instance.</summary>
    public const string CancelCall = "cancel-call";
}
