using Network.Contracts.Workflows;
using Network.Domain.ReadModel;
using Network.Domain.Workflows;
using Network.Host.Api.Http;

namespace Network.Host.Api.Tasks;

/// <summary>The human tasks a tenant sees and may complete (see <see cref="TaskService"/> for who may).</summary>
public static class TaskEndpoints
{
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
        TaskService tasks, CancellationToken cancellationToken)
    {
        var filter = new TaskFilter(
            status,
            assignedTo,
            QueryValues.Date(dueBefore, "dueBefore"),
            QueryValues.WholeNumber(offset, "offset", 0, int.MaxValue) ?? 0,
            QueryValues.WholeNumber(limit, "limit", 1, ListPaging.MaxLimit) ?? ListPaging.DefaultLimit);
        return Results.Ok(await tasks.ListAsync(tenant, filter, cancellationToken));
    }

    private static async Task<IResult> CompleteAsync(
        string tenant, string homeTenantId, string instanceId, string taskId, HttpContext http, TaskService tasks, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CompleteTaskRequest>(http.Request, cancellationToken);
        return Results.Ok(await tasks.CompleteAsync(tenant, homeTenantId, instanceId, taskId, request.Result, cancellationToken));
    }
}
