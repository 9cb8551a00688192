using Network.Contracts.Workflows;
using Network.Domain.ReadModel;
using Network.Domain.Workflows;
using Network.Host.Api.Http;

namespace Network.Host.Api.Instances;

/// <summary>Workflow instances of a tenant: the list of its subtree's, where one stands, and its journal.</summary>
public static class WorkflowInstanceEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup("/api/tenants/{tenant}/workflow-instances").WithTags("Workflows").RequireApiKey();

        instances.MapGet("", ListAsync)
            .WithName("ListWorkflowInstances")
            .WithSummary("Lists the instances of the tenant's subtree, newest first, filtered and paged.")
            .WithDescription("Filters: definition (a definition id), status (running, waiting, incident, completed, failed, cancelled). Paging: offset (default 0), limit (1-200, default 50).")
            .Produces<WorkflowInstancePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapPost("", StartAsync)
            .WithName("StartWorkflowInstance")
            .WithSummary("Starts an instance of a definition by hand. Coordinators only.")
            .Accepts<StartInstanceRequest>("application/json")
            .Produces<WorkflowInstanceResource>(StatusCodes.Status201Created)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapGet("{id}", GetAsync)
            .WithName("GetWorkflowInstance")
            .WithSummary("An instance: its definition, status, and where it waits.")
            .Produces<WorkflowInstanceResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapGet("{id}/journal", JournalAsync)
            .WithName("GetWorkflowInstanceJournal")
            .WithSummary("Everything the instance did, in order: each step, when, why, and its outcome.")
            .WithDescription("The whole journal by default. Paging: after (a line's seq; lines after it) and limit (1-1000, default 1000) give one page; each line carries its seq.")
            .Produces<IReadOnlyList<JournalEntryResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapGet("{id}/tasks", TasksAsync)
            .WithName("ListWorkflowTasks")
            .WithSummary("The human tasks the instance opened, open or done.")
            .Produces<IReadOnlyList<WorkflowTaskResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapPost("{id}/tasks/{taskId}:complete", CompleteTaskAsync)
            .WithName("CompleteWorkflowTask")
            .WithSummary("Completes an open task with its result; the instance goes on.")
            .Accepts<CompleteTaskRequest>("application/json")
            .Produces<WorkflowTaskResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapGet("{id}/incidents", IncidentsAsync)
            .WithName("ListWorkflowIncidents")
            .WithSummary("Steps that failed after their retries, and what was done about them.")
            .Produces<IReadOnlyList<WorkflowIncidentResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapPost("{id}/incidents/{incidentId}", ResolveIncidentAsync)
            .WithName("ResolveWorkflowIncident")
            .WithSummary("Retries or skips the failed step, or cancels the instance. Coordinators only.")
            .Accepts<ResolveIncidentRequest>("application/json")
            .Produces<WorkflowInstanceResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapPost("{id}:cancel", CancelAsync)
            .WithName("CancelWorkflowInstance")
            .WithSummary("Cancels the instance: its waits end and its open tasks are cancelled. Coordinators only.")
            .Accepts<CancelInstanceRequest>("application/json")
            .Produces<WorkflowInstanceResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }


    private static async Task<IResult> ListAsync(
        string tenant, string? definition, string? status, string? offset, string? limit, WorkflowInstanceService instances, CancellationToken cancellationToken)
    {
        var filter = new InstanceFilter(
            definition,
            status,
            QueryValues.WholeNumber(offset, "offset", 0, int.MaxValue) ?? 0,
            QueryValues.WholeNumber(limit, "limit", 1, ListPaging.MaxLimit) ?? ListPaging.DefaultLimit);
        return Results.Ok(await instances.ListAsync(tenant, filter, cancellationToken));
    }

    private static async Task<IResult> StartAsync(string tenant, HttpContext http, WorkflowInstanceService instances, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<StartInstanceRequest>(http.Request, cancellationToken);
        var started = await instances.StartAsync(tenant, request);
        return Results.Created($"/api/tenants/{tenant}/workflow-instances/{started.Id}", started);
    }

    private static async Task<IResult> GetAsync(string tenant, string id, WorkflowInstanceService instances) =>
        Results.Ok(await instances.GetAsync(tenant, id));

    private static async Task<IResult> JournalAsync(string tenant, string id, string? after, string? limit, WorkflowInstanceService instances) =>
        Results.Ok(await instances.JournalAsync(tenant, id,
            QueryValues.WholeNumber(after, "after", 0, int.MaxValue),
            QueryValues.WholeNumber(limit, "limit", 1, WorkflowInstanceService.MaxJournalPage)));

    private static async Task<IResult> TasksAsync(string tenant, string id, WorkflowInstanceService instances) =>
        Results.Ok(await instances.TasksAsync(tenant, id));

    private static async Task<IResult> CompleteTaskAsync(
        string tenant, string id, string taskId, HttpContext http, WorkflowInstanceService instances, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CompleteTaskRequest>(http.Request, cancellationToken);
        return Results.Ok(await instances.CompleteTaskAsync(tenant, id, taskId, request.Result));
    }

    private static async Task<IResult> IncidentsAsync(string tenant, string id, WorkflowInstanceService instances) =>
        Results.Ok(await instances.IncidentsAsync(tenant, id));

    private static async Task<IResult> ResolveIncidentAsync(
        string tenant, string id, string incidentId, HttpContext http, WorkflowInstanceService instances, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<ResolveIncidentRequest>(http.Request, cancellationToken);
        return Results.Ok(await instances.ResolveIncidentAsync(tenant, id, incidentId, request));
    }

    private static async Task<IResult> CancelAsync(string tenant, string id, HttpContext http, WorkflowInstanceService instances, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CancelInstanceRequest>(http.Request, cancellationToken);
        return Results.Ok(await instances.CancelAsync(tenant, id, request));
    }
}
