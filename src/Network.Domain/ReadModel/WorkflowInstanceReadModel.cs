namespace Network.Domain.ReadModel;

/// <summary>
/// One workflow instance as lists show it. Kept in a table beside the grain state, so listing a tenant's instances
/// is one query, never a call to every grain. <see cref="StateVersion"/> is the instance grain's own write counter:
/// a row only ever moves forward.
/// </summary>
/// <param name="Key">The instance grain's key (home tenant path | local id).</param>
/// <param name="Id">The instance id, unique within its home tenant.</param>
/// <param name="HomeTenant">Path of the tenant the instance runs for.</param>
/// <param name="Status">running, waiting, incident, completed, failed or cancelled.</param>
/// <param name="NextDueAt">When its earliest timer is due, if it has one.</param>
public sealed record WorkflowInstanceListRow(
    string Key,
    string Id,
    string HomeTenant,
    string DefinitionId,
    int DefinitionVersion,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt,
    int OpenTasks,
    int OpenIncidents,
    long StateVersion);

/// <summary>
/// One human task as a tenant's task list shows it.
/// </summary>
/// <param name="InstanceKey">The instance grain's key.</param>
/// <param name="AssignedTo">The role or tenant as the definition names it (<c>owners</c>, <c>tenant-coordinator</c>, a tenant id).</param>
/// <param name="AssigneeTenants">
/// The tenant paths that role meant when the task opened (the commitment's owners, the home tenant, the root, …):
/// the task shows in the lists of these tenants and their ancestors, besides the home tenant's subtree.
/// </param>
/// <param name="Status">open, completed or cancelled.</param>
public sealed record WorkflowTaskListRow(
    string InstanceKey,
    string InstanceId,
    string HomeTenant,
    string DefinitionId,
    string TaskId,
    string StepId,
    string AssignedTo,
    IReadOnlyList<string> AssigneeTenants,
    string Title,
    DateTimeOffset? DueAt,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    long StateVersion);

/// <summary>The workflow instances and their tasks: written by instance grains after each change, read by the API.</summary>
public interface IWorkflowInstanceReadModel
{
    /// <summary>
    /// Inserts or updates the instance's row and the rows of all its tasks; ignored when the stored instance row
    /// already has this or a newer version.
    /// </summary>
    Task UpsertAsync(WorkflowInstanceListRow instance, IReadOnlyList<WorkflowTaskListRow> tasks, CancellationToken cancellationToken = default);
}
