using Network.Contracts.Workflows;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Api.Auth;
using Network.Host.ReadModel;
using Network.Workflows.Definitions;

namespace Network.Host.Api;

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

    /// <summary>From the read model: one query for the whole subtree, never a call to each instance.</summary>
    private static async Task<IResult> ListAsync(
        string tenant, string? definition, string? status, string? offset, string? limit,
        HttpContext http, TenantDirectory directory, IWorkflowInstanceReadModel readModel, CancellationToken cancellationToken)
    {
        var scope = await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        if (definition is not null)
        {
            LocalIds.EnsureValid(definition, "definition");
        }
        var query = new WorkflowInstanceListQuery(
            scope.Value,
            definition,
            QueryValues.OneOf(status, "status", WorkflowListStatuses.Instance),
            QueryValues.WholeNumber(offset, "offset", 0, int.MaxValue) ?? 0,
            QueryValues.WholeNumber(limit, "limit", 1, SqlWorkflowInstanceReadModel.MaxLimit) ?? 50);
        var page = await readModel.QueryInstancesAsync(query, cancellationToken);
        return Results.Ok(new WorkflowInstancePage(page.Items.Select(r => r.ToListItem()).ToList(), page.Total, query.Offset, query.Limit));
    }

    private static async Task<IResult> StartAsync(
        string tenant, HttpContext http, TenantDirectory directory, IGrainFactory grains, WorkflowDefinitionResolver definitions,
        CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<StartInstanceRequest>(http.Request, cancellationToken);
        var caller = http.Caller();
        var home = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        TenantAccess.RequireCoordinator(caller, "start workflow instances");
        if (await definitions.ResolveAsync(home, request.Definition) is null)
        {
            throw ApiProblemException.BadRequest("definition", $"There is no workflow '{request.Definition}'.");
        }
        var id = request.Id ?? $"{request.Definition}--{Guid.NewGuid().ToString("N")[..12]}";
        LocalIds.EnsureValid(id, "id");
        using var _ = TenantCallContext.Enter(caller);
        var summary = await grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(home, id))
            .Start(request.Definition, (request.Inputs ?? []).ToJsonString());
        return Results.Created($"/api/tenants/{tenant}/workflow-instances/{summary.Id}", ToResource(summary));
    }

    private static async Task<IResult> TasksAsync(string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var (grain, caller) = await FindAsync(tenant, id, http, directory, grains);
        using var _ = TenantCallContext.Enter(caller);
        await RequireExistsAsync(grain, id);
        return Results.Ok((await grain.Tasks()).Select(WorkflowMapping.ToResource).ToList());
    }

    private static async Task<IResult> CompleteTaskAsync(
        string tenant, string id, string taskId, HttpContext http, TenantDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CompleteTaskRequest>(http.Request, cancellationToken);
        var (grain, caller) = await FindAsync(tenant, id, http, directory, grains);
        using var _ = TenantCallContext.Enter(caller);
        await RequireExistsAsync(grain, id);
        var task = await grain.CompleteTask(taskId, (request.Result ?? []).ToJsonString());
        return Results.Ok(task.ToResource());
    }

    private static async Task<IResult> IncidentsAsync(string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var (grain, caller) = await FindAsync(tenant, id, http, directory, grains);
        using var _ = TenantCallContext.Enter(caller);
        await RequireExistsAsync(grain, id);
        return Results.Ok((await grain.Incidents())
            .Select(i => new WorkflowIncidentResource(i.Id, i.Step, i.Error, i.Attempts, i.OpenedAt, i.Resolution)).ToList());
    }

    private static async Task<IResult> ResolveIncidentAsync(
        string tenant, string id, string incidentId, HttpContext http, TenantDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<ResolveIncidentRequest>(http.Request, cancellationToken);
        var (grain, caller) = await FindAsync(tenant, id, http, directory, grains);
        TenantAccess.RequireCoordinator(caller, "resolve incidents");
        using var _ = TenantCallContext.Enter(caller);
        await RequireExistsAsync(grain, id);
        return Results.Ok(ToResource(await grain.ResolveIncident(incidentId, request.Action)));
    }

    private static async Task<IResult> CancelAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CancelInstanceRequest>(http.Request, cancellationToken);
        var (grain, caller) = await FindAsync(tenant, id, http, directory, grains);
        TenantAccess.RequireCoordinator(caller, "cancel instances");
        using var _ = TenantCallContext.Enter(caller);
        await RequireExistsAsync(grain, id);
        return Results.Ok(ToResource(await grain.Cancel(request.Reason ?? "")));
    }


    private static async Task RequireExistsAsync(IWorkflowInstanceGrain grain, string id)
    {
        if (await grain.Describe() is null)
        {
            throw new DomainNotFoundException($"No workflow instance '{id}'.");
        }
    }

    private static WorkflowInstanceResource ToResource(WorkflowInstanceSummary summary) => new(
        summary.Id, summary.DefinitionId, summary.DefinitionVersion, summary.Status, summary.StartedAt, summary.UpdatedAt,
        summary.NextDueAt, summary.WaitingAt);

    private static async Task<IResult> GetAsync(string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var (grain, caller) = await FindAsync(tenant, id, http, directory, grains);
        using var _ = TenantCallContext.Enter(caller);
        var summary = await grain.Describe() ?? throw new DomainNotFoundException($"No workflow instance '{id}'.");
        return Results.Ok(ToResource(summary));
    }

    private static async Task<IResult> JournalAsync(string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var (grain, caller) = await FindAsync(tenant, id, http, directory, grains);
        using var _ = TenantCallContext.Enter(caller);
        await RequireExistsAsync(grain, id);
        var journal = await grain.Journal();
        return Results.Ok(journal.Select(j => new JournalEntryResource(j.At, j.Kind, j.Step, j.Why, j.Outcome, j.Inputs, j.TraceId)).ToList());
    }

    private static async Task<(IWorkflowInstanceGrain, TenantCaller)> FindAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var caller = http.Caller();
        var home = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        LocalIds.EnsureValid(id, "id");
        return (grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(home, id)), caller);
    }
}
