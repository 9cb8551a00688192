using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
using Network.Host.Tests.Infrastructure;
using Network.Host.Tests.ReadModel;
using Network.Testing;
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
        await using var writer = new PostgresStateWriter(dataSource, NullLogger.Instance);
        await writer.WriteAsync(batch);
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
            new(Network.Domain.Storage.StateLogs.KeptEvents, "shared", id, at, $$"""{"id":"{{id}}"}"""));

        var kept = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Keep(i % 2 == 0 ? first : second, $"e-{i}")));

        Assert.All(kept, Assert.True);
        var rows = await ((Network.Domain.Storage.IStateLogReader)first).ReadLastAsync(Network.Domain.Storage.StateLogs.KeptEvents, "shared", 1000);
        Assert.Equal(200, rows.Select(r => r.Seq).Distinct().Count());
        var evens = rows.Select(r => int.Parse(r.EntryJson.Split('"')[3][2..], System.Globalization.CultureInfo.InvariantCulture)).Where(n => n % 2 == 0).ToList();
        Assert.Equal(evens.Order(), evens);
    }

    /// <summary>
    /// The reads share the appends' transaction, so a wait being added while they run must not slip between them: the
    /// read waits for the wait's commit (its owner's lock) and then sees it. Without the lock the read would see no
    /// member, and the wait, reading kept events before the append committed, no event.
    /// </summary>
    [Fact]
    public async Task A_read_after_appends_waits_for_a_wait_being_added_in_its_entry_and_sees_it()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var writer = (Network.Domain.Storage.IStateLogWriter)store;
        await using var holder = new NpgsqlConnection(storage.ResolveConnectionString());
        await holder.OpenAsync();
        await using var adding = await holder.BeginTransactionAsync();
        // What an instance's unit does as its wait opens: the entry's lock, then its row, until it commits.
        await TakeLocksAsync(holder, adding, new OwnerLock(Network.Domain.Storage.StateKeySets.WaitingInstances, "entry-l", Exclusive: true));
        await using (var addWait = new NpgsqlCommand("INSERT INTO workflow_wait (owner_key, item_key, at) VALUES ('entry-l', 'i-late', now());", holder, adding))
        {
            Assert.Equal(1, await addWait.ExecuteNonQueryAsync());
        }

        var call = writer.AppendOnceThenReadMembersAsync(
            [new(Network.Domain.Storage.StateLogs.KeptEvents, "entry-l", "e-l", DateTimeOffset.UtcNow.AddDays(1), """{"id":"e-l"}""")],
            Network.Domain.Storage.StateKeySets.WaitingInstances, [["entry-l"]]);

        await WaitForALockWaitAsync(storage);
        Assert.False(call.IsCompleted);
        await adding.CommitAsync();
        var (appended, members) = await call;
        Assert.Equal([true], appended);
        Assert.Equal([["i-late"]], members);
    }

    /// <summary>
    /// The other side: a wait opening in an entry whose dispatch has taken the entry's lock (appended, read, not yet
    /// committed) commits after it, so its own read of the entry's kept events comes after the append.
    /// </summary>
    [Fact]
    public async Task A_wait_added_in_an_entry_a_read_after_appends_holds_commits_after_it()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        await using var holder = new NpgsqlConnection(storage.ResolveConnectionString());
        await holder.OpenAsync();
        await using var dispatching = await holder.BeginTransactionAsync();
        await TakeLocksAsync(holder, dispatching, new OwnerLock(Network.Domain.Storage.StateKeySets.WaitingInstances, "entry-w", Exclusive: false));

        var opening = store.CommitAsync(new StateUnit(new StateRowKey("network", "pipeline-test", 0, 0, "i-w"), StateUnitKind.Write, null, "{}", [],
            [new Network.Domain.Storage.KeyRow(Network.Domain.Storage.StateKeySets.WaitingInstances, "entry-w", "i-w", DateTimeOffset.UtcNow)]));

        await WaitForALockWaitAsync(storage);
        Assert.False(opening.IsCompleted);
        await dispatching.CommitAsync();
        Assert.Equal(1, await opening);
        Assert.Equal(["i-w"], await ((Network.Domain.Storage.IStateLogReader)store).MembersAsync(Network.Domain.Storage.StateKeySets.WaitingInstances, "entry-w"));
    }

    /// <summary>
    /// Two writers' batches whose units need the same entries' locks in opposite orders: each batch takes all its locks
    /// first, in one order, so neither holds a lock the other waits for while it waits itself. Taken unit by unit, the
    /// second writer would hold b's wait lock and want a's, the first a's and want b's: a deadlock, which PostgreSQL
    /// breaks after a second by failing one batch (logged, and its units tried again alone).
    /// </summary>
    [Fact]
    public async Task Two_writers_whose_units_lock_entries_in_opposite_orders_do_not_deadlock()
    {
        var storage = await FreshStorageAsync();
        await using var dataSource = NpgsqlDataSource.Create(storage.ResolveConnectionString());
        var firstLog = new ListLogger<PostgresStateWriter>();
        var secondLog = new ListLogger<PostgresStateWriter>();
        await using var first = new PostgresStateWriter(dataSource, firstLog);
        await using var second = new PostgresStateWriter(dataSource, secondLog);
        var waits = Network.Domain.Storage.StateKeySets.WaitingInstances;
        var now = DateTimeOffset.UtcNow;
        await using var holder = new NpgsqlConnection(storage.ResolveConnectionString());
        await holder.OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await TakeLocksAsync(holder, holding, new OwnerLock(waits, "entry-b", Exclusive: true));

        // The second writer: an instance opening waits in entries a and b (it gets a, then waits for b), and a dispatch
        // reading entry z.
        var opensAB = new StateUnit(new StateRowKey("network", "pipeline-test", 0, 0, "i-ab"), StateUnitKind.Write, null, "{}", [],
            [new Network.Domain.Storage.KeyRow(waits, "entry-a", "i-ab", now), new Network.Domain.Storage.KeyRow(waits, "entry-b", "i-ab", now)]);
        var readsZ = new AppendThenReadUnit([new(Network.Domain.Storage.StateLogs.KeptEvents, "entry-z", "e-z", now.AddDays(1), """{"id":"e-z"}""")], waits, [["entry-z"]]);
        var secondBatch = second.WriteAsync([opensAB, readsZ]);
        await WaitForALockWaitAsync(storage, waits: 1);
        // The first writer: an instance opening a wait in entry z, and a dispatch reading entry a.
        var opensZ = new StateUnit(new StateRowKey("network", "pipeline-test", 0, 0, "i-z"), StateUnitKind.Write, null, "{}", [],
            [new Network.Domain.Storage.KeyRow(waits, "entry-z", "i-z", now)]);
        var readsA = new AppendThenReadUnit([new(Network.Domain.Storage.StateLogs.KeptEvents, "entry-a", "e-a", now.AddDays(1), """{"id":"e-a"}""")], waits, [["entry-a"]]);
        var firstBatch = first.WriteAsync([opensZ, readsA]);
        await WaitForALockWaitAsync(storage, waits: 2);
        await holding.CommitAsync();
        await Task.WhenAll(firstBatch, secondBatch);

        Assert.Equal(1, await opensAB.Committed);
        Assert.Equal(1, await opensZ.Committed);
        // The second writer committed first: the first's read of entry a, after its lock, sees its wait; the
        // second's read of entry z came before the first's wait there.
        Assert.Equal([["i-ab"]], (await readsA.Committed).Members);
        Assert.Equal([[]], (await readsZ.Committed).Members);
        Assert.Empty(firstLog.Entries.Concat(secondLog.Entries));
    }

    /// <summary>Until <paramref name="waits"/> connections of the database wait for advisory locks others hold.</summary>
    private static async Task WaitForALockWaitAsync(StorageOptions storage, long waits = 1) =>
        Assert.Equal(waits, await Eventually.ReadAsync(
            async () => (await TestDatabase.QueryAsync(storage,
                "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database());"))[0]["n"],
            n => Equals(n, waits), TimeSpan.FromSeconds(10)));

    /// <summary>Takes <paramref name="locks"/> in <paramref name="transaction"/>, in the order given, with the writers' own statement.</summary>
    private static async Task TakeLocksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, params OwnerLock[] locks)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { PostgresOwnerLocks.CommandFor(locks) } };
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>The kept events numbered before the sequence existed (by their entry grains) stay before the new ones.</summary>
    [Fact]
    public async Task The_sequence_starts_after_the_rows_kept_before_it()
    {
        var storage = await FreshStorageAsync();
        await TestDatabase.QueryAsync(storage, "DROP SEQUENCE kept_event_seq; DELETE FROM network_schema_version WHERE version = 15;");
        var at = DateTimeOffset.UtcNow.AddDays(1);
        // Numbered by their entry grain, as before the sequence.
        await TestDatabase.QueryAsync(storage,
            "INSERT INTO kept_event (owner_key, seq, at, entry_json, item_key) VALUES ('old', 1, now() + interval '1 day', '{}', 'e-1'), ('old', 2, now() + interval '1 day', '{}', 'e-2'), ('old', 3, now() + interval '1 day', '{}', 'e-3');");
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        await using var store = OpenStore(storage);

        Assert.True(await ((Network.Domain.Storage.IStateLogWriter)store).AppendOnceAsync(new(
            Network.Domain.Storage.StateLogs.KeptEvents, "old", "new", at, """{"new":true}""")));

        var rows = await ((Network.Domain.Storage.IStateLogReader)store).ReadLastAsync(Network.Domain.Storage.StateLogs.KeptEvents, "old", 10);
        Assert.Equal([1L, 2L, 3L, 4L], rows.Select(r => r.Seq));
    }

    /// <summary>
    /// A grain's list rows go in its state unit's transaction, after the batch's statements, only with a snapshot that
    /// was written; a failing companion takes its own snapshot with it, and the rest of the batch commits.
    /// </summary>
    [Fact]
    public async Task A_state_units_companion_rows_commit_with_its_snapshot_and_never_without_it()
    {
        var storage = await FreshStorageAsync();
        static StateRowKey Key(string id) => new("network", "pipeline-test", 0, 0, id);
        static PostgresStateCompanion Tenant(string path) => new("tenant_list rows", (connection, transaction, _) => InsertTenantAsync(connection, transaction, path));
        var written = new StateUnit(Key("w"), StateUnitKind.Write, null, """{"text":"w"}""", [], companion: Tenant("network/written"));
        // Expects a version the row does not have: the snapshot is not written, so neither is its companion.
        var stale = new StateUnit(Key("s"), StateUnitKind.Write, 3, """{"text":"s"}""", [], companion: Tenant("network/stale"));
        var failing = new StateUnit(Key("f"), StateUnitKind.Write, null, """{"text":"f"}""", [], companion: new PostgresStateCompanion("tenant_list rows",
            async (connection, transaction, _) =>
            {
                await InsertTenantAsync(connection, transaction, "network/failing");
                throw new InvalidOperationException("A bad row.");
            }));
        var plain = new StateUnit(Key("p"), StateUnitKind.Write, null, """{"text":"p"}""", []);

        await WriteOneBatchAsync(storage, [written, stale, failing, plain]);

        Assert.Equal(1, await written.Committed);
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => stale.Committed);
        Assert.Equal("A bad row.", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Committed)).Message);
        Assert.Equal(1, await plain.Committed);
        // The failing companion took its snapshot with it.
        await AssertStoredAsync(storage, tenants: "network/written", states: "p,w");
    }

    [Fact]
    public async Task A_companion_that_is_part_of_its_units_statement_writes_only_with_the_snapshot_and_fails_with_it()
    {
        var storage = await FreshStorageAsync();
        static StateRowKey Key(string id) => new("network", "pipeline-test", 0, 0, id);
        static PostgresStateCompanion Tenant(string path, string kind = "partner") => new("tenant_list rows", "test tenant row",
            (first, written) => $"INSERT INTO tenant_list (path, id, name, kind) SELECT ${first}::text, ${first}::text, ${first}::text, ${first + 1}::text WHERE {written}",
            [path, kind]);
        var written = new StateUnit(Key("w"), StateUnitKind.Write, null, """{"text":"w"}""", [], companion: Tenant("network/written"));
        // Expects a version the row does not have: the snapshot is not written, so neither is its part.
        var stale = new StateUnit(Key("s"), StateUnitKind.Write, 3, """{"text":"s"}""", [], companion: Tenant("network/stale"));
        // A row tenant_list refuses (no path): the part fails, and takes its snapshot with it.
        var failing = new StateUnit(Key("f"), StateUnitKind.Write, null, """{"text":"f"}""", [], companion: Tenant(null!));
        var plain = new StateUnit(Key("p"), StateUnitKind.Write, null, """{"text":"p"}""", []);

        await WriteOneBatchAsync(storage, [written, stale, failing, plain]);

        Assert.Equal(1, await written.Committed);
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => stale.Committed);
        await Assert.ThrowsAsync<PostgresException>(() => failing.Committed);
        Assert.Equal(1, await plain.Committed);
        await AssertStoredAsync(storage, tenants: "network/written", states: "p,w");
    }

    /// <summary>
    /// A writer keeps its connection from batch to batch. When the server drops it (a restart, an operator ending the
    /// session), the batch that meets the dropped connection fails, committing none of its units, and the next batch
    /// runs on a new connection.
    /// </summary>
    [Fact]
    public async Task A_writer_whose_connection_the_server_dropped_fails_that_batch_and_writes_the_next_on_a_new_one()
    {
        var storage = await FreshStorageAsync();
        static StateUnit Unit(string id) => new(new StateRowKey("network", "pipeline-test", 0, 0, id), StateUnitKind.Write, null, "{}", []);
        // Named, so only the writer's session is ended below, not the pooled ones the test's own queries use.
        await using var dataSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(storage.ResolveConnectionString()) { ApplicationName = "writer-under-test" }.ConnectionString);
        await using var writer = new PostgresStateWriter(dataSource, NullLogger.Instance);
        var before = Unit("before");
        await writer.WriteAsync([before]);
        Assert.Equal(1, await before.Committed);

        var ended = await TestDatabase.QueryAsync(storage,
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) AS ended FROM pg_stat_activity WHERE application_name = 'writer-under-test';");
        Assert.Equal(1L, ended[0]["ended"]);
        // The writer throws, and its queue (StateWriteQueue) fails every unit of the batch with that error.
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => writer.WriteAsync([Unit("meets-the-dropped-connection")]));

        var after = Unit("after");
        await writer.WriteAsync([after]);
        Assert.Equal(1, await after.Committed);
        var ids = await TestDatabase.QueryAsync(storage,
            "SELECT string_agg(grain_id_string, ',' ORDER BY grain_id_string) AS ids FROM orleans_grain_state WHERE grain_type = 'pipeline-test';");
        Assert.Equal("after,before", ids[0]["ids"]);
    }

    /// <summary>The tenant rows the companions wrote and the grain states the batch stored, each list in order.</summary>
    private static async Task AssertStoredAsync(StorageOptions storage, string tenants, string states)
    {
        var paths = await TestDatabase.QueryAsync(storage, "SELECT string_agg(path, ',' ORDER BY path) AS paths FROM tenant_list;");
        Assert.Equal(tenants, paths[0]["paths"]);
        var ids = await TestDatabase.QueryAsync(storage,
            "SELECT string_agg(grain_id_string, ',' ORDER BY grain_id_string) AS ids FROM orleans_grain_state WHERE grain_type = 'pipeline-test';");
        Assert.Equal(states, ids[0]["ids"]);
    }

    private static async Task InsertTenantAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string path)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO tenant_list (path, id, name, kind) VALUES ($1, $1, $1, 'partner');", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = path });
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>A companion made for another writer (SQLite's) is refused rather than its rows left out.</summary>
    [Fact]
    public async Task A_unit_with_rows_made_for_another_writer_is_refused_not_written_without_them()
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
