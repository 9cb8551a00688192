using Network.Domain.Storage;

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

/// <summary>
/// Which instances to list. <see cref="Scope"/> is a tenant path: an instance is in scope when its home tenant is that
/// tenant or a descendant of it.
/// </summary>
/// <param name="Definition">Only instances of this definition id.</param>
/// <param name="Status">Only instances with this status (see <see cref="WorkflowInstanceListRow.Status"/>).</param>
public sealed record WorkflowInstanceListQuery(
    string Scope,
    string? Definition = null,
    string? Status = null,
    int Offset = 0,
    int Limit = 50);

/// <summary>A page of instances, with the total across all pages.</summary>
public sealed record WorkflowInstanceListPage(IReadOnlyList<WorkflowInstanceListRow> Items, int Total);

/// <summary>
/// Which tasks to list. <see cref="Scope"/> is a tenant path: a task is in scope when its home tenant, or one of its
/// assignee tenants, is that tenant or a descendant of it (so a partner sees the tasks its role was given).
/// </summary>
/// <param name="Status">Only tasks with this status; null for every status.</param>
/// <param name="AssignedTo">Only tasks assigned to this role or tenant id, as the definition wrote it.</param>
/// <param name="DueBefore">Only tasks due before the start (UTC) of this date; tasks without a due date are left out.</param>
public sealed record WorkflowTaskListQuery(
    string Scope,
    string? Status = WorkflowTaskListQuery.Open,
    string? AssignedTo = null,
    DateOnly? DueBefore = null,
    int Offset = 0,
    int Limit = 50)
{
    /// <summary>The status a task list shows unless asked otherwise: what is still to be done.</summary>
    public const string Open = "open";
}

/// <summary>A page of tasks, with the total across all pages.</summary>
public sealed record WorkflowTaskListPage(IReadOnlyList<WorkflowTaskListRow> Items, int Total);

/// <summary>The workflow instances and their tasks: written by instance grains after each change, read by the API.</summary>
public interface IWorkflowInstanceReadModel
{
    /// <summary>
    /// Inserts or updates the instance's row and replaces the rows of all its tasks; ignored when the stored instance
    /// row already has this or a newer version. <paramref name="tasks"/> null leaves the task rows as they are: the
    /// caller knows they did not change since its previous write (an instance that had no tasks and still has none,
    /// the usual step, then costs the list one statement instead of three).
    /// </summary>
    Task UpsertAsync(WorkflowInstanceListRow instance, IReadOnlyList<WorkflowTaskListRow>? tasks, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same upsert, as rows for the instance's own state unit to write (<see cref="IStateCompanion"/>): then they
    /// commit with the state, in one commit instead of a second one after it. Null where this read model cannot write
    /// in the state's unit (another store, or a writer of its own); the caller then calls <see cref="UpsertAsync"/>
    /// once its state is written.
    /// </summary>
    /// <exception cref="ArgumentException">A row is incomplete, or names something that is not a tenant path.</exception>
    IStateCompanion? UpsertWithState(WorkflowInstanceListRow instance, IReadOnlyList<WorkflowTaskListRow>? tasks) => null;

    /// <summary>One page of the instances in scope that match the filters, newest start first, then by id.</summary>
    Task<WorkflowInstanceListPage> QueryInstancesAsync(WorkflowInstanceListQuery query, CancellationToken cancellationToken = default);

    /// <summary>One page of the tasks in scope that match the filters, by due time (undated last), then by when they opened.</summary>
    Task<WorkflowTaskListPage> QueryTasksAsync(WorkflowTaskListQuery query, CancellationToken cancellationToken = default);

    /// <summary>The task <paramref name="taskId"/> of the instance with grain key <paramref name="instanceKey"/>, with its assignees; null when there is none.</summary>
    Task<WorkflowTaskListRow?> FindTaskAsync(string instanceKey, string taskId, CancellationToken cancellationToken = default);
}
