using Network.Contracts.Workflows;
using Network.Domain.Workflows;
using Network.Host.Api.Http;

namespace Network.Host.Api.Workflows;

/// <summary>
/// Workflow definitions as a tenant runs them: list, read (any visible version), its versions, validate a draft, and
/// simulate one on a virtual clock. Publishing and settings are in <see cref="WorkflowPublishingEndpoints"/>.
/// </summary>
public static class WorkflowEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var workflows = app.MapGroup("/api/tenants/{tenant}/workflows").WithTags("Workflows").RequireApiKey();

        workflows.MapGet("", ListAsync)
            .WithName("ListWorkflows")
            .WithSummary("The workflow definitions this tenant runs: its own, else its nearest ancestor's, else the network's library.")
            .Produces<IReadOnlyList<WorkflowSummaryResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapGet("{id}", GetAsync)
            .WithName("GetWorkflow")
            .WithSummary("One definition with its YAML source: the version this tenant runs, or ?version=n of those it can see.")
            .Produces<WorkflowDefinitionResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapGet("{id}/versions", VersionsAsync)
            .WithName("ListWorkflowVersions")
            .WithSummary("Every version of a definition this tenant can see, nearest publisher first, and which one it runs.")
            .Produces<IReadOnlyList<WorkflowVersionResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/tenants/{tenant}/workflows:validate", ValidateAsync).WithTags("Workflows").RequireApiKeyOn()
            .WithBodyLimit(api => api.MaxWorkflowBytes, "A workflow definition (Api:MaxWorkflowBytes)")
            .WithName("ValidateWorkflow")
            .WithSummary("Checks a definition's YAML (sent as text) as publishing would, and names every problem with its line and column.")
            .Accepts<string>("text/yaml", "application/yaml", "text/plain")
            .Produces<WorkflowValidationResource>()
            .Produces<WorkflowValidationResource>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapPost("{id}:simulate", SimulateAsync)
            .WithName("SimulateWorkflow")
            .WithSummary("Runs the definition this tenant runs, with its settings, on a virtual clock with scripted events, and answers its timeline.")
            .Accepts<SimulationRequest>("application/json")
            .Produces<SimulationResultResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ListAsync(string tenant, WorkflowDefinitionService workflows) =>
        Results.Ok(await workflows.ListAsync(tenant));

    private static async Task<IResult> GetAsync(string tenant, string id, string? version, WorkflowDefinitionService workflows) =>
        Results.Ok(await workflows.GetAsync(tenant, id, QueryValues.WholeNumber(version, "version", 1, int.MaxValue)));

    private static async Task<IResult> VersionsAsync(string tenant, string id, WorkflowDefinitionService workflows) =>
        Results.Ok(await workflows.VersionsAsync(tenant, id));

    /// <summary>200 when the draft would publish; 422 problem+json with the same fields as extension members, naming every problem, when not.</summary>
    private static async Task<IResult> ValidateAsync(string tenant, HttpContext http, WorkflowDefinitionService workflows, CancellationToken cancellationToken)
    {
        var yaml = await YamlBody.ReadAsync(http.Request, cancellationToken);
        var body = await workflows.ValidateAsync(tenant, yaml);
        return body.Valid ? Results.Ok(body) : Results.Problem(WorkflowProblems.Invalid(body));
    }

    private static async Task<IResult> SimulateAsync(string tenant, string id, HttpContext http, WorkflowDefinitionService workflows, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<SimulationRequest>(http.Request, cancellationToken);
        return Results.Ok(await workflows.SimulateAsync(tenant, id, request));
    }
}
