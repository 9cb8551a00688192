using Network.Host.Bootstrap;
using Network.Host.Storage;

namespace Network.Host.Health;

/// <summary>Liveness (the process answers) and readiness (silo active, root tenant in place, storage reachable, bus connected).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();

        health.MapGet("live", () => Results.Ok(new HealthResource("live", [], new Dictionary<string, string>())))
            .WithName("Live")
            .WithSummary("Answers 200 while the process is up.")
            .Produces<HealthResource>();

        health.MapGet("ready", ReadyAsync)
            .WithName("Ready")
            .WithSummary("Answers 200 when the silo is active, storage is reachable and the message bus is connected, 503 otherwise.")
            .Produces<HealthResource>()
            .Produces<HealthResource>(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static async Task<IResult> ReadyAsync(
        SiloActivity silo, RootTenantBootstrapper bootstrap, IStorageProbe storage, BusReadiness bus, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var failing = new List<string>();
        if (!silo.IsActive)
        {
            failing.Add("silo is not active");
        }
        if (!bootstrap.Completed)
        {
            failing.Add("root tenant is not in place yet");
        }
        var storageReachable = await storage.IsReachableAsync(timeout.Token);
        if (!storageReachable)
        {
            failing.Add("storage is not reachable");
        }
        var busState = await bus.CheckAsync(timeout.Token);
        if (busState == "unhealthy")
        {
            failing.Add("bus is not connected");
        }
        var components = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["silo"] = silo.IsActive ? "active" : "inactive",
            ["storage"] = storageReachable ? "reachable" : "unreachable",
            ["bus"] = busState,
        };
        return failing.Count == 0
            ? Results.Ok(new HealthResource("ready", failing, components))
            : Results.Json(new HealthResource("not-ready", failing, components), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>What a health probe answers: a status, when not ready why, and each component's state (readiness only).</summary>
public sealed record HealthResource(string Status, IReadOnlyList<string> Failing, IReadOnlyDictionary<string, string> Components);
