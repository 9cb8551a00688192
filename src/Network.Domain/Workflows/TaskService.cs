using System.Text.Json.Nodes;
using Network.Contracts.Workflows;
using Network.Domain.Audit;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// The human tasks a tenant sees: its subtree's, and those whose role meant a tenant of its subtree (a partner that
/// owns a commitment sees the tasks the commitment's workflow opened for its owners, though the instance runs for
/// the home tenant). Listed from the read model; completed through the instance grain. The one home of "who may
/// complete a task" (<see cref="TaskRules.MayComplete"/>): the HTTP API, the web app and the bus all come here.
/// </summary>
public sealed class TaskService(CallerAccess access, IWorkflowInstanceReadModel readModel, IGrainFactory grains, Auditor auditor)
{
    public async Task<WorkflowTaskPage> ListAsync(string tenantId, TaskFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var scope = await access.TenantAsync(tenantId);
        // Roles (owners, tenant-coordinator, network-coordinator) are shaped like tenant ids, so one rule covers both.
        if (filter.AssignedTo is not null && !TenantIds.IsValid(filter.AssignedTo))
        {
            throw new DomainValidationException("assignedTo", $"'{filter.AssignedTo}' is not a role (e.g. owners, tenant-coordinator) or a tenant id.");
        }
        string[] statuses = [.. WorkflowListStatuses.Task, TaskRules.AllStatuses];
        var status = filter.Status ?? WorkflowTaskListQuery.Open;
        if (!statuses.Contains(status, StringComparer.Ordinal))
        {
            throw new DomainValidationException("status", $"'{status}' is not one of {string.Join(", ", statuses)}.");
        }
        ListPaging.Check(filter.Offset, filter.Limit);
        var query = new WorkflowTaskListQuery(
            scope.Value, status == TaskRules.AllStatuses ? null : status, filter.AssignedTo, filter.DueBefore, filter.Offset, filter.Limit);
        var page = await readModel.QueryTasksAsync(query, ct);
        return new WorkflowTaskPage(page.Items.Select(r => r.ToListItem(scope)).ToList(), page.Total, query.Offset, query.Limit);
    }

    /// <summary>
    /// Completes a task from the tenant's list, also one whose instance runs for another tenant but whose role meant
    /// the caller's. Anything the list does not show, or the caller may not act on, is the same not-found as a task
    /// that does not exist.
    /// </summary>
    public Task<WorkflowTaskResource> CompleteAsync(
        string tenantId, string homeTenantId, string instanceId, string taskId, JsonObject? result, CancellationToken ct = default) =>
        // Recorded in the instance's home tenant, naming the caller's key even though the grain is called as the engine.
        auditor.ChangeAsync(AuditActions.TaskComplete, homeTenantId, $"instance/{instanceId}/task/{taskId}",
            () => CompleteCoreAsync(tenantId, homeTenantId, instanceId, taskId, result, ct));

    private async Task<WorkflowTaskResource> CompleteCoreAsync(
        string tenantId, string homeTenantId, string instanceId, string taskId, JsonObject? result, CancellationToken ct)
    {
        var caller = CallerAccess.Caller;
        var scope = await access.TenantAsync(tenantId);
        if (!TenantIds.IsValid(homeTenantId))
        {
            throw new DomainValidationException("homeTenantId", $"'{homeTenantId}' is not a valid tenant id.");
        }
        LocalIds.EnsureValid(instanceId, "instanceId");
        LocalIds.EnsureValid(taskId, "taskId");
        var notFound = new DomainNotFoundException($"No task '{taskId}' of instance '{instanceId}' is visible to this key.");

        // Found as the engine: the home tenant is often out of the caller's reach, which the row decides below.
        var home = await access.Directory.FindPathAsync(homeTenantId, TenantCaller.System) ?? throw notFound;
        var row = await readModel.FindTaskAsync(TenantScopedKey.For(home, instanceId), taskId, ct) ?? throw notFound;
        var assignees = row.AssigneeTenants.Select(TenantPath.Parse).ToList();
        var listed = scope.Contains(home) || assignees.Exists(scope.Contains);
        if (!listed || !TaskRules.MayComplete(caller, home, assignees))
        {
            throw notFound;
        }
        // A partner's key may not reach the home tenant's instance, and the grain's isolation filter would refuse it;
        // the check above is what allows this call, so it is made as the engine.
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var task = await grains.GetGrain<IWorkflowInstanceGrain>(row.InstanceKey).CompleteTask(taskId, (result ?? []).ToJsonString());
        return task.ToResource();
    }
}
