using System.Data.Common;
using Microsoft.Data.Sqlite;
using Network.Host.Storage;
using Npgsql;

namespace Network.Host.Tests.Storage;

/// <summary>Direct SQL against the test database, to look at what the providers stored.</summary>
public static class TestDatabase
{
    public static async Task<DbConnection> OpenAsync(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        DbConnection connection = storage.Kind == StorageProvider.Sqlite
            ? new SqliteConnection(storage.ResolveConnectionString())
            : new NpgsqlConnection(storage.ResolveConnectionString());
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<List<Dictionary<string, object?>>> QueryAsync(
        StorageOptions storage, string sql, params (string Name, object Value)[] parameters)
    {
        var connection = await OpenAsync(storage);
        await using (connection)
        {
            var command = connection.CreateCommand();
            await using (command)
            {
#pragma warning disable CA2100 // Test SQL written in the test itself.
                command.CommandText = sql;
#pragma warning restore CA2100
                foreach (var (name, value) in parameters)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                }
                var rows = new List<Dictionary<string, object?>>();
                var reader = await command.ExecuteReaderAsync();
                await using (reader)
                {
                    while (await reader.ReadAsync())
                    {
                        var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                        for (var i = 0; i < reader.FieldCount; i++)
                        {
                            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                        }
                        rows.Add(row);
                    }
                }
                return rows;
            }
        }
    }
}
