using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Domain.Storage;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Storage;

/// <summary>
/// A database from before the wait index's members were rows: its entries' states hold the waiting instances, and
/// the schema script that makes <c>workflow_wait</c> copies them there, so every open wait is still found.
/// </summary>
public sealed class WaitIndexMigrationTests
{
    [Fact]
    public async Task The_members_an_entrys_state_held_become_its_rows()
    {
        using var directory = new TempDirectory("network-wait-migration");
        var storage = new StorageOptions { Sqlite = new SqliteStorageOptions { Path = directory.File("network.db") } };
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        await using (var connection = new SqliteConnection(storage.ResolveConnectionString()))
        {
            await connection.OpenAsync();
            // Back to version 9, with two entries as the previous version stored them (and one cleared state).
            await ExecuteAsync(connection, "DROP TABLE workflow_wait; DELETE FROM network_schema_version WHERE version = 10;");
            await InsertStateAsync(connection, "network|waits-for-ReviewRequested@commitmentId=abc",
                """{"instances":["network|lifecycle--c-1","network|lifecycle--c-2"],"fields":[],"kept":[],"keptStored":3}""");
            await InsertStateAsync(connection, "network/gcm|waits-for-Ping", """{"instances":["network/gcm|ping--1"],"fields":["key"],"kept":[],"keptStored":0}""");
            await InsertStateAsync(connection, "network|waits-for-Gone", null);
        }

        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);

        var store = new SqliteStateStore(storage.ResolveConnectionString(), SqliteSynchronous.Full, storage.MaxBatch, NullLogger.Instance);
        await using (store)
        {
            Assert.Equal(["network|lifecycle--c-1", "network|lifecycle--c-2"],
                await store.MembersAsync(StateKeySets.WaitingInstances, "network|waits-for-ReviewRequested@commitmentId=abc"));
            Assert.Equal(["network/gcm|ping--1"], await store.MembersAsync(StateKeySets.WaitingInstances, "network/gcm|waits-for-Ping"));
            Assert.Empty(await store.MembersAsync(StateKeySets.WaitingInstances, "network|waits-for-Gone"));
        }
        SqliteConnection.ClearAllPools();
    }

    private static async Task InsertStateAsync(SqliteConnection connection, string key, string? payload)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string, version, payload_json, modified_at)" +
            " VALUES ('network', 'workflow-wait-index', 0, 0, @key, 1, @payload, '2026-01-01T00:00:00Z');";
        insert.Parameters.AddWithValue("@key", key);
        insert.Parameters.AddWithValue("@payload", (object?)payload ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
