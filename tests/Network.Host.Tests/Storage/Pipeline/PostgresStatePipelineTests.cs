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

    internal override async Task WriteOneBatchAsync(StorageOptions storage, IReadOnlyList<WriteUnit> batch)
    {
        await using var dataSource = NpgsqlDataSource.Create(storage.ResolveConnectionString());
        await new PostgresStateWriter(dataSource, NullLogger.Instance).WriteAsync(batch);
    }

    /// <summary>
    /// Two silos keep events in one wait-index entry at once: no grain numbers the rows, and every one is kept, each
    /// with a number of its own, in the order each silo kept them.
    /// </summary>
    [Fact]
    public async Task Two_silos_keeping_in_one_owner_at_once_keep_every_row_with_a_number_of_its_own()
    {
        var storage = await FreshStorageAsync();
        await using var first = OpenStore(storage);
        await using var second = OpenStore(storage);
        var at = DateTimeOffset.UtcNow.AddDays(1);
        Task<bool> Keep(IStateStore store, string id) => ((Network.Domain.Storage.IStateLogWriter)store).AppendOnceAsync(
            new(Network.Domain.Storage.StateLogs.KeptEvents, Network.Domain.Storage.StateKeySets.KeptEventIds, "shared", id, at, $$"""{"id":"{{id}}"}"""));

        var kept = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Keep(i % 2 == 0 ? first : second, $"e-{i}")));

        Assert.All(kept, Assert.True);
        var rows = await ((Network.Domain.Storage.IStateLogReader)first).ReadLastAsync(Network.Domain.Storage.StateLogs.KeptEvents, "shared", 1000);
        Assert.Equal(200, rows.Select(r => r.Seq).Distinct().Count());
        var evens = rows.Select(r => int.Parse(r.EntryJson.Split('"')[3][2..], System.Globalization.CultureInfo.InvariantCulture)).Where(n => n % 2 == 0).ToList();
        Assert.Equal(evens.Order(), evens);
    }

    /// <summary>The kept events numbered before the sequence existed (by their entry grains) stay before the new ones.</summary>
    [Fact]
    public async Task The_sequence_starts_after_the_rows_kept_before_it()
    {
        var storage = await FreshStorageAsync();
        await TestDatabase.QueryAsync(storage, "DROP SEQUENCE kept_event_seq; DELETE FROM network_schema_version WHERE version = 15;");
        var at = DateTimeOffset.UtcNow.AddDays(1);
        await using (var before = OpenStore(storage))
        {
            await before.CommitAsync(new StateUnit(new StateRowKey("network", "pipeline-test", 0, 0, "entry"), StateUnitKind.Write, null, "{}",
                [.. Enumerable.Range(1, 3).Select(seq => new Network.Domain.Storage.LogRow(Network.Domain.Storage.StateLogs.KeptEvents, "old", seq, at, "{}"))]));
        }
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        await using var store = OpenStore(storage);

        Assert.True(await ((Network.Domain.Storage.IStateLogWriter)store).AppendOnceAsync(new(
            Network.Domain.Storage.StateLogs.KeptEvents, Network.Domain.Storage.StateKeySets.KeptEventIds, "old", "new", at, """{"new":true}""")));

        var rows = await ((Network.Domain.Storage.IStateLogReader)store).ReadLastAsync(Network.Domain.Storage.StateLogs.KeptEvents, "old", 10);
        Assert.Equal([1L, 2L, 3L, 4L], rows.Select(r => r.Seq));
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
