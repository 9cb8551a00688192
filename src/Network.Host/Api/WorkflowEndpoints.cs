using System.Text;
using Network.Contracts.Workflows;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Host.Api.Auth;
using Network.Host.Workflows;
using Network.Workflows.Definitions;
using Network.Workflows.Simulation;
using Network.Workflows.Validation;

namespace Network.Host.Api;

/// <summary>Workflow definitions: list, read, validate a draft, and simulate one on a virtual clock.</summary>
public static class WorkflowEndpoints
{
    /// <summary>Longest span a simulation may cover: enough for a commitment's whole life, bounded for the server's sake.</summary>
    public static readonly TimeSpan MaxSimulatedSpan = TimeSpan.FromDays(3 * 366);

    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var workflows = app.MapGroup("/api/tenants/{tenant}/workflows").WithTags("Workflows").RequireApiKey();

        workflows.MapGet("", ListAsync)
            .WithName("ListWorkflows")
            .WithSummary("The workflow definitions this tenant can run.")
            .Produces<IReadOnlyList<WorkflowSummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapGet("{id}", GetAsync)
            .WithName("GetWorkflow")
            .WithSummary("One definition, with its YAML source.")
            .Produces<WorkflowDefinitionDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/tenants/{tenant}/workflows:validate", ValidateAsync).WithTags("Workflows").RequireApiKeyOn()
            .WithName("ValidateWorkflow")
            .WithSummary("Checks a definition's YAML (sent as text) and names every problem with its line and column.")
            .Accepts<string>("text/yaml", "application/yaml", "text/plain")
            .Produces<WorkflowValidation>()
            .Produces<WorkflowValidation>(StatusCodes.Status422UnprocessableEntity)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapPost("{id}:simulate", SimulateAsync)
            .WithName("SimulateWorkflow")
            .WithSummary("Runs a definition on a virtual clock with scripted events, and answers its timeline.")
            .Accepts<SimulationRequest>("application/json")
            .Produces<SimulationResultDocument>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ListAsync(string tenant, HttpContext http, TenantDirectory directory, WorkflowLibrary library)
    {
        await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        return Results.Ok(library.All.Select(Summary).ToList());
    }

    private static async Task<IResult> GetAsync(string tenant, string id, HttpContext http, TenantDirectory directory, WorkflowLibrary library)
    {
        await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        var (definition, source) = library.FindWithSource(id) ?? throw new DomainNotFoundException($"No workflow '{id}'.");
        return Results.Ok(new WorkflowDefinitionDocument(Summary(definition), source));
    }

    private static async Task<IResult> ValidateAsync(string tenant, HttpContext http, TenantDirectory directory, CancellationToken cancellationToken)
    {
        await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        var contentType = http.Request.ContentType ?? "";
        if (!(contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/yaml", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "The body must be YAML text.",
                $"Content-Type '{(contentType.Length == 0 ? "(none)" : contentType)}' is not accepted; send 'text/yaml'.", "Content-Type");
        }
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var yaml = await reader.ReadToEndAsync(cancellationToken);
        var result = WorkflowValidator.Check(yaml, "draft.yaml");
        var problems = result.Errors.Select(e => new WorkflowProblem(e.At.Line, e.At.Column, e.Code, e.Message)).ToList();
        var body = new WorkflowValidation(result.Succeeded, result.Definition?.Id, result.Definition?.Version, problems);
        return result.Succeeded ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> SimulateAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, WorkflowLibrary library, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<SimulationRequest>(http.Request, cancellationToken);
        await TenantAccess.RequirePathAsync(directory, tenant, http.Caller());
        var definition = library.Find(id) ?? throw new DomainNotFoundException($"No workflow '{id}'.");
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
        var children = library.All.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var result = WorkflowSimulator.Run(definition, request.Start, request.Until, request.Inputs, request.Settings,
            events.Select((e, i) => new SimulatedEvent(e.At, e.Type, e.Data?.DeepClone(), $"scripted-{i}")),
            SimulationOptions.Default with { Children = children });
        return Results.Ok(new SimulationResultDocument(
            result.Timeline.Select(t => new TimelineEntryDocument(t.At, t.Kind, t.Step, t.Detail)).ToList(),
            result.State.Status.ToString().ToLowerInvariant()));
    }

    private static WorkflowSummary Summary(WorkflowDefinition definition) => new(
        definition.Id, definition.Version, definition.Title, definition.Description,
        definition.Trigger switch
        {
            EventTrigger e => $"event {e.Event}",
            ScheduleTrigger s => $"schedule {s.Cron}",
            _ => "manual",
        },
        definition.Inputs, definition.Settings);
}
