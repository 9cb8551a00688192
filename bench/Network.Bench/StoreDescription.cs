using System.Globalization;
using Microsoft.Data.Sqlite;
using Network.Host.Storage;
using Npgsql;

namespace Network.Bench;

/// <summary>
/// What the store really runs with, read from a connection like the host's rather than assumed, so the printed
/// figures say how durable each write was.
/// </summary>
internal static class StoreDescription
{
    public static async Task<string> SqliteAsync(StorageOptions storage)
    {
        var connection = new SqliteConnection(storage.ResolveConnectionString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var version = await ScalarAsync(connection, "SELECT sqlite_version();").ConfigureAwait(false);
            var journal = await ScalarAsync(connection, "PRAGMA journal_mode;").ConfigureAwait(false);
            var synchronous = await ScalarAsync(connection, "PRAGMA synchronous;").ConfigureAwait(false) switch
            {
                "0" => "OFF",
                "1" => "NORMAL",
                "2" => "FULL",
                "3" => "EXTRA",
                var other => other,
            };
            return $"SQLite {version}, journal_mode={journal}, synchronous={synchronous}";
        }
    }

    public static async Task<string> PostgreSqlAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var version = await ScalarAsync(connection, "SHOW server_version;").ConfigureAwait(false);
            var fsync = await ScalarAsync(connection, "SHOW fsync;").ConfigureAwait(false);
            var commit = await ScalarAsync(connection, "SHOW synchronous_commit;").ConfigureAwait(false);
            return $"PostgreSQL {version}, fsync={fsync}, synchronous_commit={commit}";
        }
    }

    private static async Task<string> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture) ?? "";
        }
    }
}
