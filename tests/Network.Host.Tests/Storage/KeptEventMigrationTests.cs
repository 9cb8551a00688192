using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Domain;
using Network.Domain.Storage;
using Network.Domain.Workflows;
using Network.Host.Storage;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Storage;

/// <summary>
/// A database where wait-index entries still hold kept events in their state (a <c>kept</c> list, as releases before
/// the kept-event table wrote it): the schema script moves them to the table, numbered after the entry's stored
/// ones, so a new wait that reads the table finds them, and the entry numbers its next event after them.
/// </summary>
public abstract class KeptEventMigrationTests(MigrationDatabase database) : IDisposable
{
    private static readonly DateTimeOffset KeepUntil = new(2030, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);

    [Fact]
    public async Task The_events_an_entrys_state_kept_become_rows_of_the_kept_event_table_after_its_stored_ones()
    {
        var storage = await database.FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        var script = SchemaScripts.For(storage.Kind).Single(s => s.Name.EndsWith("_kept_events_out_of_state.sql", StringComparison.Ordinal));
        var idsInRows = await BackToSeparateIdsAsync(storage);
        await TestDatabase.QueryAsync(storage, $"DELETE FROM network_schema_version WHERE version = {script.Version};");
        // The list as the entry's state class wrote it: each event serialized with the stored-state options.
        var first = new KeptEvent("e-1", "ProgressReported", """{"commitmentId":"c-1","text":"café"}""", KeepUntil);
        var second = new KeptEvent("e-2", "ProgressReported", """{"commitmentId":"c-1"}""", KeepUntil.AddDays(1));
        var kept = JsonSerializer.Serialize(new[] { first, second }, StoredStateJson.Options);
        const string entry = "network|waits-for-ProgressReported@commitmentId=abc";
        await database.InsertStateAsync(storage, "workflow-wait-index", entry, $$"""{"instances":[],"fields":[],"kept":{{kept}},"keptStored":3}""");
        await database.InsertStateAsync(storage, "workflow-wait-index", "network|waits-for-Ping", """{"instances":[],"fields":["key"],"keptStored":2}""");
        await database.InsertStateAsync(storage, "workflow-wait-index", "network|waits-for-Gone", null);
        // Another grain type with a "kept" list is not a wait-index entry.
        await database.InsertStateAsync(storage, "workflow-instance", "network|other", $$"""{"kept":{{kept}}}""");

        Assert.Equal([script.Name, idsInRows.Name], await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None));

        var store = database.OpenStore(storage);
        await using (store)
        {
            var logs = (IStateLogReader)store;
            var rows = await logs.ReadLastAsync(StateLogs.KeptEvents, entry, 100);
            Assert.Equal([4L, 5L], rows.Select(r => r.Seq));
            Assert.Equal([first, second], rows.Select(r => JsonSerializer.Deserialize<KeptEvent>(r.EntryJson, StoredStateJson.Options)));
            Assert.Equal([KeepUntil, KeepUntil.AddDays(1)], rows.Select(r => r.At));
            Assert.Equal([first, second], await WorkflowWaitIndexGrain.KeptAsync(logs, entry, KeepUntil.AddDays(-1)));
            Assert.Equal([second], await WorkflowWaitIndexGrain.KeptAsync(logs, entry, KeepUntil));
            // Their ids came along: keeping one again keeps nothing.
            Assert.False(await ((IStateLogWriter)store).AppendOnceAsync(WorkflowWaitIndexGrain.KeepingIn(entry, first)));
            Assert.False(await ((IStateLogWriter)store).AppendOnceAsync(WorkflowWaitIndexGrain.KeepingIn(entry, second)));
            Assert.Empty(await logs.ReadLastAsync(StateLogs.KeptEvents, "network|other", 100));
            Assert.Empty(await logs.ReadLastAsync(StateLogs.KeptEvents, "network|waits-for-Ping", 100));
        }

        var moved = await StateOfAsync(storage, "workflow-wait-index", entry);
        Assert.Null(moved.Payload["kept"]);
        Assert.Equal(5, moved.Payload["keptStored"]!.GetValue<long>());
        Assert.Equal(2, moved.Version);
        var untouched = await StateOfAsync(storage, "workflow-wait-index", "network|waits-for-Ping");
        Assert.Equal(2, untouched.Payload["keptStored"]!.GetValue<long>());
        Assert.Equal(1, untouched.Version);
        Assert.NotNull((await StateOfAsync(storage, "workflow-instance", "network|other")).Payload["kept"]);
        database.Done();
    }

    /// <summary>
    /// A database where the kept events' ids are rows of kept_event_id (as before the ids moved into their rows): the
    /// script copies each row's id into it, keeps an entry's first row of an id, and drops the separate table. The
    /// ids then do their work: an id kept before is not kept again, a new one is, numbered after the rest.
    /// </summary>
    [Fact]
    public async Task The_ids_of_kept_events_move_into_their_rows_and_still_keep_an_event_once()
    {
        var storage = await database.FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        var script = await BackToSeparateIdsAsync(storage);
        var kept = new KeptEvent("e-1", "ProgressReported", """{"commitmentId":"c-1"}""", KeepUntil);
        var json = JsonSerializer.Serialize(kept, StoredStateJson.Options);
        const string entry = "network|waits-for-ProgressReported@commitmentId=c-1";
        // Rows 1 and 3 keep one event (no writer did so, but the unique index must not fail on it): the first stays.
        await TestDatabase.QueryAsync(storage,
            "INSERT INTO kept_event (owner_key, seq, at, entry_json) VALUES " +
            $"(@entry, 1, @at, {JsonValue}), (@entry, 2, @at, {JsonValue2}), (@entry, 3, @at, {JsonValue}), ('other', 1, @at, '{{}}');" +
            "INSERT INTO kept_event_id (owner_key, item_key, at) VALUES (@entry, 'e-1', @at), (@entry, 'e-2', @at);",
            ("@entry", entry), ("@at", AtValue(storage)), ("@json", json),
            ("@json2", JsonSerializer.Serialize(kept with { EventId = "e-2" }, StoredStateJson.Options)));

        if (storage.Kind == StorageProvider.PostgreSql)
        {
            // The sequence is above every kept row (schema script kept_event_seq saw to it for the rows before it).
            await TestDatabase.QueryAsync(storage, "SELECT setval('kept_event_seq', 3);");
        }

        Assert.Equal([script.Name], await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None));

        var rows = await TestDatabase.QueryAsync(storage, "SELECT owner_key, seq, item_key FROM kept_event ORDER BY owner_key, seq;");
        Assert.Equal([$"{entry} 1 e-1", $"{entry} 2 e-2", "other 1 seq:1"],
            rows.Select(r => FormattableString.Invariant($"{r["owner_key"]} {r["seq"]} {r["item_key"]}")));
        Assert.Empty(await TestDatabase.QueryAsync(storage,
            storage.Kind == StorageProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE name = 'kept_event_id';"
                : "SELECT tablename FROM pg_tables WHERE tablename = 'kept_event_id';"));
        var store = database.OpenStore(storage);
        await using (store)
        {
            var writer = (IStateLogWriter)store;
            Assert.False(await writer.AppendOnceAsync(WorkflowWaitIndexGrain.KeepingIn(entry, kept)));
            Assert.True(await writer.AppendOnceAsync(WorkflowWaitIndexGrain.KeepingIn(entry, kept with { EventId = "e-3" })));
            var after = await ((IStateLogReader)store).ReadLastAsync(StateLogs.KeptEvents, entry, 10);
            Assert.Equal(["e-1", "e-2", "e-3"], after.Select(r => JsonSerializer.Deserialize<KeptEvent>(r.EntryJson, StoredStateJson.Options)!.EventId));
            Assert.True(after[1].Seq < after[2].Seq);
        }
        database.Done();
    }

    /// <summary>
    /// Takes a migrated database back to before the script that moved the kept events' ids into their rows (the
    /// separate kept_event_id table again, kept_event without its id), and returns that script.
    /// </summary>
    private static async Task<SchemaScript> BackToSeparateIdsAsync(StorageOptions storage)
    {
        var script = SchemaScripts.For(storage.Kind).Single(s => s.Name.EndsWith("_kept_event_ids_in_their_rows.sql", StringComparison.Ordinal));
        var at = storage.Kind == StorageProvider.Sqlite ? "TEXT" : "timestamptz";
        await TestDatabase.QueryAsync(storage,
            "DROP INDEX ux_kept_event_item_key; ALTER TABLE kept_event DROP COLUMN item_key;" +
            $"CREATE TABLE kept_event_id (owner_key text NOT NULL, item_key text NOT NULL, at {at} NOT NULL, PRIMARY KEY (owner_key, item_key));" +
            $"DELETE FROM network_schema_version WHERE version = {script.Version};");
        return script;
    }

    // The kept rows' entry_json: PostgreSQL's column is json, so the text parameters are cast.
    private string JsonValue => database is PostgresMigrationDatabase ? "CAST(@json AS json)" : "@json";

    private string JsonValue2 => database is PostgresMigrationDatabase ? "CAST(@json2 AS json)" : "@json2";

    private static object AtValue(StorageOptions storage) =>
        storage.Kind == StorageProvider.Sqlite ? "2030-05-06T07:08:09.123000Z" : KeepUntil;

    public void Dispose()
    {
        database.Dispose();
        GC.SuppressFinalize(this);
    }

    private static async Task<(JsonObject Payload, long Version)> StateOfAsync(StorageOptions storage, string grainType, string key)
    {
        var row = Assert.Single(await TestDatabase.QueryAsync(storage,
            "SELECT CAST(payload_json AS TEXT) AS payload, version FROM orleans_grain_state WHERE grain_type = @type AND grain_id_string = @key;",
            ("@type", grainType), ("@key", key)));
        return (JsonNode.Parse((string)row["payload"]!)!.AsObject(), Convert.ToInt64(row["version"], System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteKeptEventMigrationTests() : KeptEventMigrationTests(new SqliteMigrationDatabase("network-kept-migration"));

[Collection(PostgresCollection.Name)]
public sealed class PostgresKeptEventMigrationTests(PostgresServer server) : KeptEventMigrationTests(new PostgresMigrationDatabase(server));
