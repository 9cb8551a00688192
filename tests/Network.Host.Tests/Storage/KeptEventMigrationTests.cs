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

        Assert.Equal([script.Name], await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None));

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
            Assert.True(await logs.ContainsAsync(StateKeySets.KeptEventIds, entry, "e-1"));
            Assert.True(await logs.ContainsAsync(StateKeySets.KeptEventIds, entry, "e-2"));
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
