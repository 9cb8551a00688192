using Network.Contracts.Workflows;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Api.Auth;
using Network.Workflows.Loading;
using Network.Workflows.Validation;

namespace Network.Host.Api;

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
            .WithName("PublishWorkflow")
            .WithSummary("Publishes a definition's YAML for this tenant and its subtree. A published version never changes. Coordinators only.")
            .Accepts<string>("text/yaml", "application/yaml", "text/plain")
            .Produces<WorkflowVersionDocument>(StatusCodes.Status201Created)
            .Produces<WorkflowVersionDocument>()
            .Produces<WorkflowValidation>(StatusCodes.Status422UnprocessableEntity)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        workflows.MapGet("{id}/settings", GetSettingsAsync)
            .WithName("GetWorkflowSettings")
            .WithSummary("A definition's settings for this tenant: defaults, this tenant's own values, and what its new instances start with.")
            .Produces<WorkflowSettingsDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapPut("{id}/settings", PutSettingsAsync)
            .WithName("SetWorkflowSettings")
            .WithSummary("Sets this tenant's values for a definition's settings (e.g. stallAfter) for instances started from now on. Coordinators only.")
            .Accepts<WorkflowSettingsRequest>("application/json")
            .Produces<WorkflowSettingsDocument>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> PublishAsync(
        string tenant, HttpContext http, TenantDirectory directory, WorkflowDefinitionResolver definitions, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var path = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        TenantAccess.RequireCoordinator(caller, "publish workflow definitions");
        var yaml = await YamlBody.ReadAsync(http.Request, cancellationToken);
        var known = (await definitions.EffectiveAsync(path)).Select(d => d.Definition.Id).ToList();
        var checkedDraft = WorkflowPublishCheck.Check(yaml, "draft.yaml", known);
        if (!checkedDraft.Succeeded)
        {
            return Results.Json(WorkflowDocuments.Validation(checkedDraft), statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        PublishOutcome outcome;
        using (TenantCallContext.Enter(caller))
        {
            outcome = await grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(path)).Publish(yaml, known);
        }
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            // Arms the schedule of a definition that starts on one, and stops it when a new version no longer does.
            await grains.GetGrain<IWorkflowScheduleGrain>(WorkflowScheduleGrain.KeyFor(path, outcome.Version.Id)).Ensure();
        }
        var version = outcome.Version;
        var document = new WorkflowVersionDocument(version.Id, version.Version, version.Title, path.TenantId, version.PublishedAt, version.PublishedBy, Current: true);
        return outcome.Created
            ? Results.Created($"/api/tenants/{tenant}/workflows/{version.Id}?version={version.Version}", document)
            : Results.Ok(document);
    }

    private static async Task<IResult> GetSettingsAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, WorkflowDefinitionResolver definitions, IGrainFactory grains)
    {
        var path = await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        var resolved = await definitions.ResolveAsync(path, id) ?? throw new DomainNotFoundException($"No workflow '{id}'.");
        return Results.Ok(await SettingsDocumentAsync(path, resolved, grains));
    }

    private static async Task<IResult> PutSettingsAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, WorkflowDefinitionResolver definitions, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<WorkflowSettingsRequest>(http.Request, cancellationToken);
        var caller = http.Caller();
        var path = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        TenantAccess.RequireCoordinator(caller, "set workflow settings");
        var resolved = await definitions.ResolveAsync(path, id) ?? throw new DomainNotFoundException($"No workflow '{id}'.");
        foreach (var (name, value) in request.Settings)
        {
            CheckSetting(resolved, name, value);
        }
        using (TenantCallContext.Enter(caller))
        {
            await grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(path)).SetSettings(id, request.Settings);
        }
        var updated = await definitions.ResolveAsync(path, id) ?? resolved;
        return Results.Ok(await SettingsDocumentAsync(path, updated, grains));
    }

    /// <summary>A value must name a declared setting, and be a duration where the default is one (a typo never waits forever).</summary>
    private static void CheckSetting(ResolvedWorkflow resolved, string name, string value)
    {
        var field = $"settings.{name}";
        if (!resolved.Definition.Settings.TryGetValue(name, out var defaultValue))
        {
            throw ApiProblemException.BadRequest(field,
                $"'{resolved.Definition.Id}' has no setting '{name}'; it has: {string.Join(", ", resolved.Definition.Settings.Keys.Order(StringComparer.Ordinal))}.");
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ApiProblemException.BadRequest(field, "A setting needs a value; send an empty 'settings' map to go back to the defaults.");
        }
        if (IsoDuration.TryParse(defaultValue, out _) && !IsoDuration.TryParse(value, out _, out var problem))
        {
            throw ApiProblemException.BadRequest(field, $"'{value}' is not an ISO 8601 duration such as P30D or PT12H: {problem}");
        }
    }

    private static async Task<WorkflowSettingsDocument> SettingsDocumentAsync(TenantPath path, ResolvedWorkflow resolved, IGrainFactory grains)
    {
        TenantWorkflowCatalog catalog;
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            catalog = await grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(path)).Catalog();
        }
        var own = catalog.Settings.TryGetValue(resolved.Definition.Id, out var values)
            ? new Dictionary<string, string>(values, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new WorkflowSettingsDocument(resolved.Definition.Id, resolved.Definition.Settings, own, resolved.EffectiveSettings());
    }
}
