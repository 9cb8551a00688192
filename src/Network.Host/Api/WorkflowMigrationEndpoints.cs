using Network.Contracts.Workflows;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Api.Auth;

namespace Network.Host.Api;

/// <summary>Migration of running instances to another version of their definition, with a mapping of step ids.</summary>
public static class WorkflowMigrationEndpoints
{
    /// <summary>The most instances one request may move: enough for a network's commitments, small enough to answer in one response.</summary>
    public const int MaxInstances = 500;

    public static IEndpointRouteBuilder MapWorkflowMigrationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants/{tenant}/workflow-instances:migrate", MigrateAsync).WithTags("Workflows").RequireApiKeyOn()
            .WithName("MigrateWorkflowInstances")
            .WithSummary("Moves chosen instances to another version of their definition, keeping position, variables and waits; all or none. Coordinators only.")
            .Accepts<MigrateInstancesRequest>("application/json")
            .Produces<MigrationResultDocument>()
            .Produces<MigrationResultDocument>(StatusCodes.Status422UnprocessableEntity)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> MigrateAsync(
        string tenant, HttpContext http, TenantDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<MigrateInstancesRequest>(http.Request, cancellationToken);
        var caller = http.Caller();
        var home = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        TenantAccess.RequireCoordinator(caller, "migrate workflow instances");
        Check(request);
        var mapping = request.StepMapping ?? new Dictionary<string, string>();

        using var _ = TenantCallContext.Enter(caller);
        var chosen = new List<(string Id, IWorkflowInstanceGrain Grain, int FromVersion)>();
        for (var i = 0; i < request.Instances.Count; i++)
        {
            var id = request.Instances[i];
            var grain = grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(home, id));
            var summary = await grain.Describe() ?? throw new DomainNotFoundException($"No workflow instance '{id}' (instances[{i}]).");
            if (summary.DefinitionId != request.Definition)
            {
                throw ApiProblemException.BadRequest($"instances[{i}]", $"'{id}' runs '{summary.DefinitionId}', not '{request.Definition}'.");
            }
            chosen.Add((id, grain, summary.DefinitionVersion));
        }

        // Every instance is checked before any moves, so a mapping that misses a step moves nothing.
        var checks = new List<MigratedInstanceDocument>();
        foreach (var (id, grain, fromVersion) in chosen)
        {
            var outcome = await grain.Migrate(request.ToVersion, mapping, dryRun: true);
            checks.Add(Document(id, fromVersion, request.ToVersion, outcome));
        }
        if (checks.Any(c => c.Problems.Count > 0))
        {
            return Results.Json(new MigrationResultDocument(request.DryRun, checks), statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        if (request.DryRun)
        {
            return Results.Ok(new MigrationResultDocument(true, checks));
        }
        var moved = new List<MigratedInstanceDocument>();
        foreach (var (id, grain, fromVersion) in chosen)
        {
            // An instance that moved on between the check and now may refuse; it is reported, the others still move.
            moved.Add(Document(id, fromVersion, request.ToVersion, await grain.Migrate(request.ToVersion, mapping, dryRun: false)));
        }
        return Results.Ok(new MigrationResultDocument(false, moved));
    }

    private static void Check(MigrateInstancesRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Definition))
        {
            throw ApiProblemException.BadRequest("definition", "Name the definition whose instances move, e.g. 'commitment-lifecycle'.");
        }
        if (request.ToVersion < 1)
        {
            throw ApiProblemException.BadRequest("toVersion", "Versions start at 1.");
        }
        if (request.Instances.Count is 0 or > MaxInstances)
        {
            throw ApiProblemException.BadRequest("instances", $"List from 1 to {MaxInstances} instance ids.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Instances.Count; i++)
        {
            LocalIds.EnsureValid(request.Instances[i], $"instances[{i}]");
            if (!seen.Add(request.Instances[i]))
            {
                throw ApiProblemException.BadRequest($"instances[{i}]", $"'{request.Instances[i]}' is listed twice.");
            }
        }
        foreach (var (from, to) in request.StepMapping ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(to))
            {
                throw ApiProblemException.BadRequest($"stepMapping.{from}", "Map each step to the id of a step of the new version.");
            }
        }
    }

    private static MigratedInstanceDocument Document(string id, int fromVersion, int toVersion, WorkflowMigrationOutcome outcome) => new(
        id, fromVersion, toVersion, outcome.Migrated,
        outcome.Problems.Select(p => new MigrationProblemDocument(p.Code, p.Step, p.Message)).ToList());
}
