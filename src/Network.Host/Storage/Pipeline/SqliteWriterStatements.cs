using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The statements other tables' writers (the read model's list upserts) run on the SQLite state writer's connection,
/// kept prepared by their SQL for as long as that connection lives. They run inside the writer's batches, one after
/// another on its one thread, and every workflow step and commitment change writes its list row there: parsed anew
/// each time, the row's upsert was SQLite's parser at work on the one thread every write waits for.
/// </summary>
internal sealed class SqliteWriterStatements : IDisposable
{
    /// <summary>Statements kept at most; past it (task inserts vary with their row count) a statement is made for its one use.</summary>
    private const int MaxKept = 64;

    private static readonly ConditionalWeakTable<DbConnection, SqliteWriterStatements> Kept = new();

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    private SqliteWriterStatements(SqliteConnection connection) => _connection = connection;

    /// <summary>Keeps statements for <paramref name="connection"/> (the writer's, once opened) until disposed.</summary>
    public static SqliteWriterStatements KeepFor(SqliteConnection connection)
    {
        var statements = new SqliteWriterStatements(connection);
        Kept.AddOrUpdate(connection, statements);
        return statements;
    }

    /// <summary>
    /// The kept statement for <paramref name="sql"/> on <paramref name="connection"/>, its parameters set to these
    /// values; false when the connection keeps none (any other connection) or keeps its most already.
    /// </summary>
    public static bool TryGet(DbConnection connection, string sql, IEnumerable<KeyValuePair<string, object>>? parameters, out DbCommand command)
    {
        command = null!;
        if (!Kept.TryGetValue(connection, out var kept))
        {
            return false;
        }
        if (!kept._statements.TryGetValue(sql, out var statement))
        {
            if (kept._statements.Count >= MaxKept)
            {
                return false;
            }
            statement = kept._connection.CreateCommand();
            statement.CommandText = sql;
            kept._statements.Add(sql, statement);
        }
        statement.Parameters.Clear();
        foreach (var (name, value) in parameters ?? [])
        {
            statement.Parameters.AddWithValue(name, value);
        }
        command = statement;
        return true;
    }

    public void Dispose()
    {
        Kept.Remove(_connection);
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }
        _statements.Clear();
    }
}
