using System.Data.Common;
using Network.Host.Storage.Pipeline;

namespace Network.Host.ReadModel;

/// <summary>
/// Runs one read-model statement: on the SQLite state writer's connection (no transaction of its own) the statement
/// kept prepared there (<see cref="SqliteWriterStatements"/>), elsewhere one made for this use and disposed after.
/// </summary>
internal static class ReadModelCommands
{
    public static async Task ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<KeyValuePair<string, object>> parameters, CancellationToken cancellationToken)
    {
        if (transaction is null && SqliteWriterStatements.TryGet(connection, sql, parameters, out var kept))
        {
            await kept.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var command = ReadModelDialect.Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first column of the first row, or null when there is none (or it is NULL).</summary>
    public static async Task<object?> ScalarAsync(
        DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<KeyValuePair<string, object>> parameters, CancellationToken cancellationToken)
    {
        if (transaction is null && SqliteWriterStatements.TryGet(connection, sql, parameters, out var kept))
        {
            return Value(await kept.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        }
        var command = ReadModelDialect.Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return Value(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    private static object? Value(object? value) => value is DBNull ? null : value;
}
