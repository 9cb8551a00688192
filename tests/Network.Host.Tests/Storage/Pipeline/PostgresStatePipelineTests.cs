using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
using Network.Host.Tests.Infrastructure;
using Npgsql;

namespace Network.Host.Tests.Storage.Pipeline;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStatePipelineTests(PostgresServer server) : StatePipelineContractTests
{
    protected override async Task<StorageOptions> FreshStorageAsync() => await MigratedAsync(new StorageOptions
    {
        Provider = "PostgreSQL",
        ConnectionString = await server.CreateDatabaseAsync(),
    });

    internal override IStateStore OpenStore(StorageOptions storage) =>
        new PostgresStateStore(storage.ResolveConnectionString(), storage.Writers, storage.MaxBatch, NullLogger.Instance);

    internal override async Task WriteOneBatchAsync(StorageOptions storage, IReadOnlyList<StateUnit> batch)
    {
        await using var dataSource = NpgsqlDataSource.Create(storage.ResolveConnectionString());
        await new PostgresStateWriter(dataSource, NullLogger.Instance).WriteAsync(batch);
    }
}
