using Microsoft.Extensions.Diagnostics.HealthChecks;
using Network.Messaging;

namespace Network.Host.Health;

/// <summary>
/// The message bus's state for readiness, from MassTransit's own health check (tagged "masstransit": the bus and
/// every receive endpoint, the tenants' links included). The in-memory bus is healthy once started; on RabbitMQ the
/// check fails while the broker cannot be reached. MassTransit's description names the endpoints that are not ready,
/// which are tenants' queues: it goes to the log (once per change), not into the anonymous readiness answer.
/// A bus with no receive endpoint on the broker yet reads "ready" to MassTransit with the broker gone, so the broker
/// itself is asked too (<see cref="BrokerProbe"/>): unreachable is "unhealthy".
/// </summary>
public sealed partial class BusReadiness(HealthCheckService health, BrokerProbe broker, ILogger<BusReadiness> logger)
{
    private HealthStatus? _lastStatus;

    /// <returns>"healthy", "degraded" (some endpoint is not ready; still ready to serve) or "unhealthy".</returns>
    public async Task<string> CheckAsync(CancellationToken cancellationToken)
    {
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report;
        try
        {
            report = await health.CheckHealthAsync(check => check.Tags.Contains("masstransit"), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Name(HealthStatus.Unhealthy);
        }
        // No MassTransit check registered would read as healthy: say so instead of hiding a missing bus.
        var status = report.Entries.Count == 0 ? HealthStatus.Unhealthy : report.Status;
        var reachable = await broker.IsReachableAsync(cancellationToken).ConfigureAwait(false);
        if (!reachable)
        {
            status = HealthStatus.Unhealthy;
        }
        if (status != _lastStatus && logger.IsEnabled(LogLevel.Information))
        {
            _lastStatus = status;
            var description = !reachable ? "the broker cannot be reached"
                : report.Entries.Count == 0 ? "no bus health check is registered"
                : string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Description}"));
            LogBusState(logger, status, description);
        }
        return Name(status);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLowerInvariant();

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "The message bus is {State}: {Description}")]
    private static partial void LogBusState(ILogger logger, HealthStatus state, string description);
}
