namespace Network.Contracts.Workflows;

/// <summary>A workflow instance as lists show it.</summary>
/// <param name="HomeTenant">Id of the tenant the instance runs for.</param>
/// <param name="Status">running, waiting, incident, completed, failed or cancelled.</param>
/// <param name="NextDueAt">When its earliest timer is due, if it has one.</param>
public sealed record WorkflowInstanceSummaryResource(
    string Id,
    string HomeTenant,
    string DefinitionId,
    int DefinitionVersion,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt,
    int OpenTasks,
    int OpenIncidents);

public sealed record WorkflowInstancePage(IReadOnlyList<WorkflowInstanceSummaryResource> Items, int Total, int Offset, int Limit);

/// <summary>A human task in a tenant's task list: its own or its subtree's, or one its role was given.</summary>
/// <param name="HomeTenant">Id of the tenant the task's instance runs for.</param>
/// <param name="AssignedTo">The role or tenant as the definition names it (e.g. <c>owners</c>).</param>
/// <param name="Assignees">Ids of the tenants that role meant when the task opened.</param>
/// <param name="Status">open, completed or cancelled.</param>
/// <param name="Complete">Where to POST a <see cref="CompleteTaskRequest"/> to complete it, under the listing tenant.</param>
public sealed record WorkflowTaskSummaryResource(
    string HomeTenant,
    string InstanceId,
    string TaskId,
    string DefinitionId,
    string Step,
    string AssignedTo,
    IReadOnlyList<string> Assignees,
    string Title,
    DateTimeOffset? DueAt,
    string Status,
    DateTimeOffset CreatedAt,
    string Complete);

public sealed record WorkflowTaskPage(IReadOnlyList<WorkflowTaskSummaryResource> Items, int Total, int Offset, int Limit);
