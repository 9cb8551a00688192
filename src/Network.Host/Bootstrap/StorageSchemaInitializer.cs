using Microsoft.Extensions.Options;
using Network.Host.Storage;

namespace Network.Host.Bootstrap;

/// <summary>
/// Creates or upgrades the database schema before the silo starts (it is registered before Orleans, and hosted
/// services start in order), because the silo's storage providers read their queries from it at start.
/// </summary>
public sealed class StorageSchemaInitializer(IOptions<StorageOptions> storage, ILogger<StorageSchemaInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        SchemaMigrator.ApplyAsync(storage.Value, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
