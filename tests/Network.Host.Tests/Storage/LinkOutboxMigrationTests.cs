using Microsoft.Extensions.Logging.Abstractions;
using Network.Domain.Storage;
using Network.Host.Storage;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Storage;

/// <summary>
/// A database from before the link outbox's messages were queue rows: each tenant's outbox state holds its waiting
/// messages, and the schema script that makes <c>link_outbox</c> copies them there in their order, so none is lost.
/// </summary>
public abstract class LinkOutboxMigrationTests(MigrationDatabase database) : IDisposable
{
    [Fact]
    public async Task The_messages_an_outboxs_state_held_become_its_queue_in_their_order()
    {
        var storage = await database.FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        var script = SchemaScripts.For(storage.Kind).Single(s => s.Name.EndsWith("_link_outbox.sql", StringComparison.Ordinal));
        // Back to the version before, with outbox states as that version stored them (written by the outbox grain's
        // state class: camelCase names, the sent ids as a list, each message's JSON as a string).
        await TestDatabase.QueryAsync(storage, $"DROP TABLE link_outbox; DELETE FROM network_schema_version WHERE version = {script.Version};");
        await database.InsertStateAsync(storage, "tenant-link-outbox", "tenant-a", """
            {"pending":[{"messageId":"m-3","type":"ProgressReported","json":"{\"n\":3,\"text\":\"caf\u00e9\"}"},{"messageId":"m-1","type":"CommitmentProposed","json":"{\"n\":1}"},{"messageId":"m-2","type":"ProgressReported","json":"{ \"n\": 2 }"}],"sentIds":["m-0"]}
            """);
        await database.InsertStateAsync(storage, "tenant-link-outbox", "tenant-b", """{"pending":[],"sentIds":[]}""");
        await database.InsertStateAsync(storage, "tenant-link-outbox", "tenant-c", null);
        // Twice in one list (no outbox wrote that, but the copy must not fail on it): kept once.
        await database.InsertStateAsync(storage, "tenant-link-outbox", "tenant-d",
            """{"pending":[{"messageId":"x-1","type":"ProgressReported","json":"{}"},{"messageId":"x-1","type":"ProgressReported","json":"{}"}],"sentIds":[]}""");
        // Another grain type with the same shape is not the link outbox.
        await database.InsertStateAsync(storage, "tenant-webhook-outbox", "tenant-e",
            """{"pending":[{"messageId":"w-1","type":"ProgressReported","json":"{}"}],"sentIds":[]}""");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        Assert.Equal([script.Name], await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None));

        var store = database.OpenStore(storage);
        await using (store)
        {
            var queue = (IStateLogReader)store;
            var rows = await queue.QueuedAsync(StateQueues.LinkOutbox, "tenant-a", 100);
            Assert.Equal(["m-3", "m-1", "m-2"], rows.Select(r => r.Key));
            Assert.True(rows.Zip(rows.Skip(1)).All(pair => pair.First.Seq < pair.Second.Seq), "seqs follow the list");
            Assert.Equal(["ProgressReported", "CommitmentProposed", "ProgressReported"], rows.Select(r => r.Kind));
            Assert.Equal(["""{"n":3,"text":"café"}""", """{"n":1}""", """{ "n": 2 }"""], rows.Select(r => r.Body));
            Assert.All(rows, r => Assert.Equal("migrated", r.Source));
            Assert.All(rows, r => Assert.Equal("tenant-a", r.Owner));
            Assert.All(rows, r => Assert.InRange(r.At, before, DateTimeOffset.UtcNow.AddSeconds(5)));
            Assert.Empty(await queue.QueuedAsync(StateQueues.LinkOutbox, "tenant-b", 100));
            Assert.Empty(await queue.QueuedAsync(StateQueues.LinkOutbox, "tenant-c", 100));
            Assert.Equal(["x-1"], (await queue.QueuedAsync(StateQueues.LinkOutbox, "tenant-d", 100)).Select(r => r.Key));
            Assert.Empty(await queue.QueuedAsync(StateQueues.LinkOutbox, "tenant-e", 100));
        }
        database.Done();
    }

    public void Dispose()
    {
        database.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteLinkOutboxMigrationTests() : LinkOutboxMigrationTests(new SqliteMigrationDatabase("network-outbox-migration"));

[Collection(PostgresCollection.Name)]
public sealed class PostgresLinkOutboxMigrationTests(PostgresServer server) : LinkOutboxMigrationTests(new PostgresMigrationDatabase(server));
