namespace Network.Contracts.Workflows;

/// <summary>
/// Something a workflow addressed to a tenant: a notification, an escalation (with its level on the ladder), or a
/// task assigned to it (with its id and due date).
/// </summary>
/// <param name="Kind">notification, escalation or task.</param>
/// <param name="HomeTenant">The tenant whose workflow instance sent it.</param>
/// <param name="To">The role or tenant the definition named (owners, tenant-coordinator, network-coordinator, a tenant id).</param>
public sealed record InboxEntryResource(
    string Id,
    string Kind,
    DateTimeOffset At,
    string HomeTenant,
    string InstanceId,
    string Step,
    string To,
    string Message,
    int? Level,
    string? TaskId,
    DateTimeOffset? DueAt);
