using Network.Contracts.Workflows;
using Network.Domain.Workflows;
using Network.Host.Api.Http;

namespace Network.Host.Api.Workflows;

/// <summary>
/// What a tenant's coordinators change about workflows: publishing a new version of a definition (immutable once
/// published; it overrides the parent's for this tenant's subtree), and the tenant's values for a definition's settings.
/// </summary>
public static class WorkflowPublishingEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowPublishingEndpoints(this IEndpointRouteBuilder app)
    {
        var workflows = app.MapGroup("/api/tenants/{tenant}/workflows").WithTags("Workflows").RequireApiKey();

        workflows.MapPost("", PublishAsync)
            .WithBodyLimit(api => api.MaxWorkflowBytes, "A workflow definition (Api:MaxWorkflowBytes)")
            .WithName("PublishWorkflow")
            .WithSummary("Publishes a definition's YAML for this tenant and its subtree. A published version never changes. Coordinators only.")
            .Accepts<string>("text/yaml", "application/yaml", "text/plain")
            .Produces<WorkflowVersionResource>(StatusCodes.Status201Created)
            .Produces<WorkflowVersionResource>()
            .Produces<WorkflowValidationResource>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        workflows.MapGet("{id}/settings", GetSettingsAsync)
            .WithName("GetWorkflowSettings")
            .WithSummary("A definition's settings for this tenant: defaults, this tenant's own values, and what its new instances start with.")
            .Produces<WorkflowSettingsResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapPut("{id}/settings", PutSettingsAsync)
            .WithName("SetWorkflowSettings")
            .WithSummary("Sets this tenant's values for a definition's settings (e.g. stallAfter) for instances started from now on. Coordinators only.")
            .Accepts<WorkflowSettingsRequest>("application/json")
            .Produces<WorkflowSettingsResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    /// <summary>201 for a new version, 200 when the same YAML was published before; 422 with the validation when it may not be published.</summary>
    private static async Task<IResult> PublishAsync(string tenant, HttpContext http, WorkflowDefinitionService workflows, CancellationToken cancellationToken)
    {
        var yaml = await YamlBody.ReadAsync(http.Request, cancellationToken);
        // A draft with problems is a WorkflowInvalidException: ProblemMapping answers it (WorkflowProblems.Invalid).
        var outcome = await workflows.PublishAsync(tenant, yaml);
        return outcome.Created ? Results.Created(outcome.Location, outcome.Version) : Results.Ok(outcome.Version);
    }

    private static async Task<IResult> GetSettingsAsync(string tenant, string id, WorkflowDefinitionService workflows) =>
        Results.Ok(await workflows.GetSettingsAsync(tenant, id));

    private static async Task<IResult> PutSettingsAsync(string tenant, string id, HttpContext http, WorkflowDefinitionService workflows, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<WorkflowSettingsRequest>(http.Request, cancellationToken);
        return Results.Ok(await workflows.PutSettingsAsync(tenant, id, request));
    }
}
