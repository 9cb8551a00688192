using System.Diagnostics;

namespace Network.Host.Hosting;

/// <summary>
/// Makes sure a trace id exists for every incoming request and message, and follows it through grain calls into the
/// workflow journal: .NET creates activities only when someone listens, so this listens (to HTTP, MassTransit and
/// Orleans) and keeps just the ids (no recording). An exporter, when one is added, sees the same trace ids.
/// </summary>
public sealed class TraceActivities : IHostedService, IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name.StartsWith("MassTransit", StringComparison.Ordinal)
            || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
            || source.Name.StartsWith("Network", StringComparison.Ordinal)
            || source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal),
        Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();
}
