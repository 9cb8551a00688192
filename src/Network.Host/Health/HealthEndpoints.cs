using Network.Host.Bootstrap;
using Network.Host.Storage;

namespace Network.Host.Health;

/// <summary>Liveness (the process answers) and readiness (silo active, root tenant in place, storage reachable).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();

        health.MapGet("live", () => Results.Ok(new HealthReport("live", [])))
            .WithName("Live")
            .WithSummary("Answers 200 while the process is up.")
            .Produces<HealthReport>();

        health.MapGet("ready", ReadyAsync)
            .WithName("Ready")
            .WithSummary("Answers 200 when the silo is active and storage is reachable, 503 otherwise.")
            .Produces<HealthReport>()
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static async Task<IResult> ReadyAsync(
        SiloActivity silo, RootTenantBootstrapper bootstrap, IStorageProbe storage, CancellationToken cancellationToken)
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
        if (!await storage.IsReachableAsync(timeout.Token))
        {
            failing.Add("storage is not reachable");
        }
        return failing.Count == 0
            ? Results.Ok(new HealthReport("ready", failing))
            : Results.Json(new HealthReport("not-ready", failing), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>What a health probe answers: a status and, when not ready, why.</summary>
public sealed record HealthReport(string Status, IReadOnlyList<string> Failing);
