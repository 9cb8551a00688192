namespace Network.Workflows.Runtime;

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
