namespace Network.Host.ReadModel;

/// <summary>
/// Runs <see cref="ReadModelRebuilder"/> once at start, so a crash between a grain's state write and its read-model
/// write never leaves a list silently stale. Register it after the silo (hosted services start in registration
/// order) so the schema exists; start-up waits for the run, so lists are caught up before Kestrel serves them.
/// </summary>
public sealed class ReadModelRebuildService(ReadModelRebuilder rebuilder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => rebuilder.RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
