using Network.Contracts.Workflows;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Api.Auth;
using Network.Host.ReadModel;

namespace Network.Host.Api;

/// <summary>
/// The human tasks a tenant sees: its subtree's, and those whose role meant a tenant of its subtree (a partner that
/// owns a commitment sees the tasks the commitment's workflow opened for its owners, though the instance runs for
/// the home tenant). Listed from the read model; completed through the instance grain.
/// </summary>
public static class TaskEndpoints
{
    /// <summary>The task-status filter's value that lists every status.</summary>
    public const string AllStatuses = "all";

    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tenants/{tenant}/tasks").WithTags("Workflows").RequireApiKey();

        tasks.MapGet("", ListAsync)
            .WithName("ListTenantTasks")
            .WithSummary("Lists the tasks of the tenant's subtree and those assigned to it, by due date, filtered and paged.")
            .WithDescription("Filters: status (open by default; completed, cancelled, or all), assignedTo (the role or tenant id as the definition names it), dueBefore (yyyy-MM-dd). Paging: offset (default 0), limit (1-200, default 50).")
            .Produces<WorkflowTaskPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tasks.MapPost("{homeTenantId}/{instanceId}/{taskId}:complete", CompleteAsync)
            .WithName("CompleteTenantTask")
            .WithSummary("Completes a task from the tenant's list, also one whose instance runs for another tenant but whose role meant the caller's.")
            .Accepts<CompleteTaskRequest>("application/json")
            .Produces<WorkflowTaskResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ListAsync(
        string tenant, string? status, string? assignedTo, string? dueBefore, string? offset, string? limit,
        HttpContext http, TenantDirectory directory, IWorkflowInstanceReadModel readModel, CancellationToken cancellationToken)
    {
        var scope = await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        // Roles (owners, tenant-coordinator, network-coordinator) are shaped like tenant ids, so one rule covers both.
        if (assignedTo is not null && !TenantIds.IsValid(assignedTo))
        {
            throw ApiProblemException.BadRequest("assignedTo", $"'{assignedTo}' is not a role (e.g. owners, tenant-coordinator) or a tenant id.");
        }
        var statusFilter = QueryValues.OneOf(status, "status", [.. WorkflowListStatuses.Task, AllStatuses]) ?? WorkflowTaskListQuery.Open;
        var query = new WorkflowTaskListQuery(
            scope.Value,
            statusFilter == AllStatuses ? null : statusFilter,
            assignedTo,
            QueryValues.Date(dueBefore, "dueBefore"),
            QueryValues.WholeNumber(offset, "offset", 0, int.MaxValue) ?? 0,
            QueryValues.WholeNumber(limit, "limit", 1, SqlWorkflowInstanceReadModel.MaxLimit) ?? 50);
        var page = await readModel.QueryTasksAsync(query, cancellationToken);
        return Results.Ok(new WorkflowTaskPage(page.Items.Select(r => r.ToListItem(scope)).ToList(), page.Total, query.Offset, query.Limit));
    }

    private static async Task<IResult> CompleteAsync(
        string tenant, string homeTenantId, string instanceId, string taskId, HttpContext http, TenantDirectory directory,
        IWorkflowInstanceReadModel readModel, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CompleteTaskRequest>(http.Request, cancellationToken);
        var caller = http.Caller();
        var scope = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        var row = await FindAsync(scope, caller, homeTenantId, instanceId, taskId, directory, readModel, cancellationToken);

        // A partner's key may not reach the home tenant's instance, and the grain's isolation filter would refuse it;
        // the check above is what allows this call, so it is made as the engine.
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var task = await grains.GetGrain<IWorkflowInstanceGrain>(row.InstanceKey).CompleteTask(taskId, (request.Result ?? []).ToJsonString());
        return Results.Ok(task.ToResource());
    }

    /// <summary>
    /// The task's row when the listing tenant's list shows it and the caller may act on it: the caller reaches the
    /// task's home tenant, or one of its assignee tenants (reach as everywhere: a coordinator its subtree, a member
    /// its own tenant, as for progress reports). Anything else is the same 404 as a task that does not exist.
    /// </summary>
    private static async Task<WorkflowTaskListRow> FindAsync(
        TenantPath scope, TenantCaller caller, string homeTenantId, string instanceId, string taskId,
        TenantDirectory directory, IWorkflowInstanceReadModel readModel, CancellationToken cancellationToken)
    {
        if (!TenantIds.IsValid(homeTenantId))
        {
            throw ApiProblemException.BadRequest("homeTenantId", $"'{homeTenantId}' is not a valid tenant id.");
        }
        LocalIds.EnsureValid(instanceId, "instanceId");
        LocalIds.EnsureValid(taskId, "taskId");
        var notFound = new DomainNotFoundException($"No task '{taskId}' of instance '{instanceId}' is visible to this key.");

        // Found as the engine: the home tenant is often out of the caller's reach, which the row decides below.
        var home = await directory.FindPathAsync(homeTenantId, TenantCaller.System) ?? throw notFound;
        var row = await readModel.FindTaskAsync(TenantScopedKey.For(home, instanceId), taskId, cancellationToken) ?? throw notFound;
        var assignees = row.AssigneeTenants.Select(TenantPath.Parse).ToList();
        var listed = scope.Contains(home) || assignees.Exists(scope.Contains);
        var allowed = caller.CanReach(home) || assignees.Exists(caller.CanReach);
        return listed && allowed ? row : throw notFound;
    }
}
