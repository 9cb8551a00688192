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

    /// <summary>No read model on PostgreSQL writes in a state unit; one that tried would otherwise see its rows left out.</summary>
    [Fact]
    public async Task A_unit_with_a_read_models_rows_is_refused_not_written_without_them()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var unit = new StateUnit(new StateRowKey("network", "pipeline-test", 0, 0, "c"), StateUnitKind.Write, null, "{}", [],
            companion: new SqliteStateCompanion("workflow_instance_list rows", (_, _) => Task.CompletedTask));

        // Refused at once, before any batch: CommitAsync throws rather than returning a failed task.
        var refused = Assert.Throws<ArgumentException>(() => { _ = store.CommitAsync(unit); });

        Assert.Contains("workflow_instance_list rows", refused.Message, StringComparison.Ordinal);
        Assert.Null(await store.ReadAsync(unit.Key, CancellationToken.None));
    }
}
