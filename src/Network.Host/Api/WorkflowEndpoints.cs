using Network.Contracts.Workflows;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Api.Auth;
using Network.Workflows.Simulation;
using Network.Workflows.Validation;

namespace Network.Host.Api;

/// <summary>
/// Workflow definitions as a tenant runs them: list, read (any visible version), its versions, validate a draft, and
/// simulate one on a virtual clock. Publishing and settings are in <see cref="WorkflowPublishingEndpoints"/>.
/// </summary>
public static class WorkflowEndpoints
{
    /// <summary>Longest span a simulation may cover: enough for a commitment's whole life, bounded for the server's sake.</summary>
    public static readonly TimeSpan MaxSimulatedSpan = TimeSpan.FromDays(3 * 366);

    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var workflows = app.MapGroup("/api/tenants/{tenant}/workflows").WithTags("Workflows").RequireApiKey();

        workflows.MapGet("", ListAsync)
            .WithName("ListWorkflows")
            .WithSummary("The workflow definitions this tenant runs: its own, else its nearest ancestor's, else the network's library.")
            .Produces<IReadOnlyList<WorkflowSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapGet("{id}", GetAsync)
            .WithName("GetWorkflow")
            .WithSummary("One definition with its YAML source: the version this tenant runs, or ?version=n of those it can see.")
            .Produces<WorkflowDefinitionDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapGet("{id}/versions", VersionsAsync)
            .WithName("ListWorkflowVersions")
            .WithSummary("Every version of a definition this tenant can see, nearest publisher first, and which one it runs.")
            .Produces<IReadOnlyList<WorkflowVersionDocument>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/tenants/{tenant}/workflows:validate", ValidateAsync).WithTags("Workflows").RequireApiKeyOn()
            .WithName("ValidateWorkflow")
            .WithSummary("Checks a definition's YAML (sent as text) as publishing would, and names every problem with its line and column.")
            .Accepts<string>("text/yaml", "application/yaml", "text/plain")
            .Produces<WorkflowValidation>()
            .Produces<WorkflowValidation>(StatusCodes.Status422UnprocessableEntity)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapPost("{id}:simulate", SimulateAsync)
            .WithName("SimulateWorkflow")
            .WithSummary("Runs the definition this tenant runs, with its settings, on a virtual clock with scripted events, and answers its timeline.")
            .Accepts<SimulationRequest>("application/json")
            .Produces<SimulationResultDocument>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ListAsync(string tenant, HttpContext http, TenantDirectory directory, WorkflowDefinitionResolver definitions)
    {
        var path = await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        return Results.Ok((await definitions.EffectiveAsync(path)).Select(WorkflowDocuments.Summary).ToList());
    }

    private static async Task<IResult> GetAsync(
        string tenant, string id, string? version, HttpContext http, TenantDirectory directory, WorkflowDefinitionResolver definitions)
    {
        var path = await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        var wanted = QueryValues.WholeNumber(version, "version", 1, int.MaxValue);
        var current = await definitions.ResolveAsync(path, id) ?? throw new DomainNotFoundException($"No workflow '{id}'.");
        var resolved = current;
        if (wanted is { } number && number != current.Definition.Version)
        {
            // The nearest publisher that has this version (a tenant's own, an ancestor's, or the library's).
            var visible = (await definitions.VersionsAsync(path, id)).FirstOrDefault(v => v.Version == number)
                ?? throw new DomainNotFoundException($"No version {number} of workflow '{id}' is visible to this tenant.");
            var definition = await definitions.FindVersionAsync(visible.Owner, id, number)
                ?? throw new DomainNotFoundException($"No version {number} of workflow '{id}' is visible to this tenant.");
            resolved = current with { Definition = definition, Owner = visible.Owner };
        }
        var source = await definitions.SourceAsync(resolved.Owner, id, resolved.Definition.Version) ?? "";
        return Results.Ok(new WorkflowDefinitionDocument(WorkflowDocuments.Summary(resolved), source));
    }

    private static async Task<IResult> VersionsAsync(string tenant, string id, HttpContext http, TenantDirectory directory, WorkflowDefinitionResolver definitions)
    {
        var path = await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        var current = await definitions.ResolveAsync(path, id) ?? throw new DomainNotFoundException($"No workflow '{id}'.");
        var versions = await definitions.VersionsAsync(path, id);
        return Results.Ok(versions.Select(v => new WorkflowVersionDocument(
            v.Id, v.Version, v.Title, v.Owner?.TenantId, v.PublishedAt, v.PublishedBy,
            v.Owner == current.Owner && v.Version == current.Definition.Version)).ToList());
    }

    private static async Task<IResult> ValidateAsync(
        string tenant, HttpContext http, TenantDirectory directory, WorkflowDefinitionResolver definitions, CancellationToken cancellationToken)
    {
        var path = await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        var yaml = await YamlBody.ReadAsync(http.Request, cancellationToken);
        var known = (await definitions.EffectiveAsync(path)).Select(d => d.Definition.Id).ToList();
        var body = WorkflowDocuments.Validation(WorkflowPublishCheck.Check(yaml, "draft.yaml", known));
        return body.Valid ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> SimulateAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, WorkflowDefinitionResolver definitions, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<SimulationRequest>(http.Request, cancellationToken);
        var path = await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        var effective = await definitions.EffectiveAsync(path);
        var resolved = effective.FirstOrDefault(d => d.Definition.Id == id) ?? throw new DomainNotFoundException($"No workflow '{id}'.");
        if (request.Until <= request.Start)
        {
            throw ApiProblemException.BadRequest("until", "'until' must come after 'start'.");
        }
        if (request.Until - request.Start > MaxSimulatedSpan)
        {
            throw ApiProblemException.BadRequest("until", $"A simulation may cover at most {MaxSimulatedSpan.TotalDays:0} days.");
        }
        var events = request.Events ?? [];
        for (var i = 0; i < events.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(events[i].Type))
            {
                throw ApiProblemException.BadRequest($"events[{i}].type", "Each event needs a type, e.g. 'ProgressReported'.");
            }
        }
        // The tenant's settings, with the request's own values over them (a what-if).
        var settings = new Dictionary<string, string>(resolved.Settings, StringComparer.Ordinal);
        foreach (var (name, value) in request.Settings ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }
        var children = effective.ToDictionary(d => d.Definition.Id, d => d.Definition, StringComparer.Ordinal);
        var result = WorkflowSimulator.Run(resolved.Definition, request.Start, request.Until, request.Inputs, settings,
            events.Select((e, i) => new SimulatedEvent(e.At, e.Type, e.Data?.DeepClone(), $"scripted-{i}")),
            SimulationOptions.Default with { Children = children });
        return Results.Ok(new SimulationResultDocument(
            result.Timeline.Select(t => new TimelineEntryDocument(t.At, t.Kind, t.Step, t.Detail)).ToList(),
            result.State.Status.ToString().ToLowerInvariant()));
    }
}
