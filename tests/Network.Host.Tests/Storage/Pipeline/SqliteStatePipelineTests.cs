using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
using Network.Host.Tests.Infrastructure;
using Orleans.Storage;

namespace Network.Host.Tests.Storage.Pipeline;

public sealed class SqliteStatePipelineTests : StatePipelineContractTests, IDisposable
{
    private readonly TempDirectory _directory = new("network-pipeline");
    private int _files;

    protected override Task<StorageOptions> FreshStorageAsync() => MigratedAsync(new StorageOptions
    {
        Sqlite = new SqliteStorageOptions { Path = _directory.File($"state-{Interlocked.Increment(ref _files)}.db") },
    });

    internal override IStateStore OpenStore(StorageOptions storage) =>
        new SqliteStateStore(storage.ResolveConnectionString(), SqliteSynchronous.Full, storage.MaxBatch, NullLogger.Instance);

    internal override async Task WriteOneBatchAsync(StorageOptions storage, IReadOnlyList<WriteUnit> batch)
    {
        var writer = new SqliteStateWriter(storage.ResolveConnectionString(), SqliteSynchronous.Full, NullLogger.Instance);
        await using (writer)
        {
            await writer.WriteAsync(batch);
        }
    }

    [Fact]
    public async Task Another_tables_statements_commit_with_the_batch_and_one_that_fails_rolls_back_alone()
    {
        var storage = await FreshStorageAsync();
        var before = new StateUnit(Key("s1"), StateUnitKind.Write, null, """{"text":"s1"}""", []);
        var good = new SqliteWorkUnit("tenant_list rows", (connection, _) => InsertTenantAsync(connection, "network/a"));
        var bad = new SqliteWorkUnit("tenant_list rows", async (connection, _) =>
        {
            await InsertTenantAsync(connection, "network/b");
            throw new InvalidOperationException("A bad row.");
        });
        var after = new StateUnit(Key("s2"), StateUnitKind.Write, null, """{"text":"s2"}""", []);

        var writer = new SqliteStateWriter(storage.ResolveConnectionString(), SqliteSynchronous.Full, NullLogger.Instance);
        await using (writer)
        {
            await writer.WriteAsync([before, good, bad, after]);
        }

        Assert.Equal(1, await before.Committed);
        await good.Committed;
        Assert.Equal("A bad row.", (await Assert.ThrowsAsync<InvalidOperationException>(() => bad.Committed)).Message);
        Assert.Equal(1, await after.Committed);
        Assert.Equal("network/a", await ScalarAsync(storage, "SELECT group_concat(path, ',') FROM (SELECT path FROM tenant_list ORDER BY path);"));
        Assert.Equal(2L, await ScalarAsync(storage, "SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'pipeline-test';"));
    }

    [Fact]
    public async Task A_state_units_companion_rows_commit_with_its_snapshot_and_never_without_it()
    {
        var storage = await FreshStorageAsync();
        static SqliteStateCompanion Tenant(string path) => new("tenant_list rows", (connection, _) => InsertTenantAsync(connection, path));
        var written = new StateUnit(Key("w"), StateUnitKind.Write, null, """{"text":"w"}""", [], companion: Tenant("network/written"));
        // Expects a version the row does not have: the snapshot is not written, so neither is its companion.
        var stale = new StateUnit(Key("s"), StateUnitKind.Write, 3, """{"text":"s"}""", [], companion: Tenant("network/stale"));
        var failing = new StateUnit(Key("f"), StateUnitKind.Write, null, """{"text":"f"}""", [], companion: new SqliteStateCompanion("tenant_list rows", async (connection, _) =>
        {
            await InsertTenantAsync(connection, "network/failing");
            throw new InvalidOperationException("A bad row.");
        }));
        var plain = new StateUnit(Key("p"), StateUnitKind.Write, null, """{"text":"p"}""", []);

        var writer = new SqliteStateWriter(storage.ResolveConnectionString(), SqliteSynchronous.Full, NullLogger.Instance);
        await using (writer)
        {
            await writer.WriteAsync([written, stale, failing, plain]);
        }

        Assert.Equal(1, await written.Committed);
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Committed);
        Assert.Equal("A bad row.", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Committed)).Message);
        Assert.Equal(1, await plain.Committed);
        Assert.Equal("network/written", await ScalarAsync(storage, "SELECT group_concat(path, ',') FROM (SELECT path FROM tenant_list ORDER BY path);"));
        // The failing companion took its snapshot with it.
        Assert.Equal("p,w", await ScalarAsync(storage,
            "SELECT group_concat(grain_id_string, ',') FROM (SELECT grain_id_string FROM orleans_grain_state WHERE grain_type = 'pipeline-test' ORDER BY grain_id_string);"));
    }

    [Fact]
    public async Task The_stores_file_writer_runs_statements_in_its_batches_and_answers_after_the_commit()
    {
        var storage = await FreshStorageAsync();
        var store = new SqliteStateStore(storage.ResolveConnectionString(), SqliteSynchronous.Full, storage.MaxBatch, NullLogger.Instance);
        await using (store)
        {
            var statements = Enumerable.Range(0, 20).Select(i =>
                ((ISqliteFileWriter)store).WriteAsync("tenant_list rows", (connection, _) => InsertTenantAsync(connection, $"network/t{i:00}")));
            var state = store.CommitAsync(new StateUnit(Key("s"), StateUnitKind.Write, null, """{"text":"s"}""", []));
            await Task.WhenAll([.. statements, state]);
            // Answered only once committed: a connection of its own reads every row.
            Assert.Equal(20L, await ScalarAsync(storage, "SELECT count(*) FROM tenant_list;"));
        }
        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            ((ISqliteFileWriter)store).WriteAsync("tenant_list rows", (connection, _) => InsertTenantAsync(connection, "network/late")));
    }

    /// <summary>
    /// The file's writer blocks on SQLite (statements, fsync) on a thread of its own, not a pool thread, so the
    /// callers it answers go on from the pool's shared queue; it sleeps while nothing is queued and wakes for the next
    /// unit, and stops with the store.
    /// </summary>
    [Fact]
    public async Task The_stores_file_writer_runs_on_a_thread_of_its_own_and_wakes_for_each_unit_after_idling()
    {
        var storage = await FreshStorageAsync();
        var store = new SqliteStateStore(storage.ResolveConnectionString(), SqliteSynchronous.Full, storage.MaxBatch, NullLogger.Instance);
        var threads = new List<(string? Name, bool Pooled)>();
        await using (store)
        {
            for (var i = 0; i < 3; i++)
            {
                var n = i;
                await ((ISqliteFileWriter)store).WriteAsync("tenant_list rows", (connection, _) =>
                {
                    threads.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
                    return InsertTenantAsync(connection, $"network/w{n}");
                });
                // Idle long enough for the writer to go to sleep before the next unit.
                await Task.Delay(100);
            }
        }
        Assert.Equal(3L, await ScalarAsync(storage, "SELECT count(*) FROM tenant_list;"));
        Assert.All(threads, thread => Assert.Equal(("SQLite state writer", false), thread));
    }

    /// <summary>
    /// Under steady writes the background checkpoint never copies the last frames (the writer adds them while it runs),
    /// and the WAL can start over only once every frame is copied: the writer finishes the checkpoint between batches.
    /// </summary>
    [Fact]
    public async Task After_a_background_checkpoint_the_writer_finishes_it_so_the_wal_starts_over()
    {
        var storage = await FreshStorageAsync();
        var connectionString = storage.ResolveConnectionString();
        var writer = new SqliteStateWriter(connectionString, SqliteSynchronous.Full, NullLogger.Instance);
        await using (writer)
        {
            await writer.WriteAsync(Units("a", 40));
            // The background's checkpoint, then a batch written after it: the WAL holds frames no checkpoint copied.
            await WalFramesAfterCheckpointAsync(connectionString);
            await writer.WriteAsync(Units("b", 40));

            writer.FinishCheckpoint();
            await writer.WriteAsync(Units("c", 1));
            // The writer copied every frame after that batch, so this one writes from the WAL's beginning.
            await writer.WriteAsync(Units("d", 1));

            // Without the writer's checkpoint the WAL holds all four batches (61 frames when tried).
            Assert.InRange(await WalFramesAfterCheckpointAsync(connectionString), 1, 10);
        }
        SqliteConnection.ClearAllPools();
    }

    private static List<StateUnit> Units(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new StateUnit(Key($"{prefix}-{i}"), StateUnitKind.Write, null,
            $$"""{"text":"{{new string('x', 3000)}}"}""", []))];

    /// <summary>Runs a PASSIVE checkpoint (as the background loop does); the frames in the WAL, from its header.</summary>
    private static async Task<long> WalFramesAfterCheckpointAsync(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = await checkpoint.ExecuteReaderAsync();
        return await reader.ReadAsync() ? reader.GetInt64(1) : 0;
    }

    private static StateRowKey Key(string id) => new("network", "pipeline-test", 0, 0, id);

    private static async Task InsertTenantAsync(SqliteConnection connection, string path)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO tenant_list (path, id, name, kind) VALUES (@path, @path, @path, 'partner');";
        insert.Parameters.AddWithValue("@path", path);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(StorageOptions storage, string sql)
    {
        using var connection = new SqliteConnection(storage.ResolveConnectionString());
        await connection.OpenAsync();
        using var read = connection.CreateCommand();
        read.CommandText = sql;
        return await read.ExecuteScalarAsync();
    }

    public void Dispose() => _directory.Dispose();
}
