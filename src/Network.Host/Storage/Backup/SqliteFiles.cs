using Microsoft.Data.Sqlite;

namespace Network.Host.Storage.Backup;

/// <summary>Connections the backup and restore open on one file, once, outside any pool.</summary>
internal static class SqliteFiles
{
    /// <summary>
    /// A connection string for a one-off connection: unpooled, so closing it really closes the file (a pooled handle
    /// would keep it open, holding SQLite's locks and its -wal and -shm files, and a rename would move a file still in
    /// use). Microsoft.Data.Sqlite retries a busy command for its default timeout on top of SQLite's busy handler, so
    /// that timeout is the same wait.
    /// </summary>
    private static string Unpooled(string path, SqliteOpenMode mode, TimeSpan busyTimeout) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = mode,
        Pooling = false,
        DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
    }.ToString();

    /// <summary>
    /// Opens a one-off connection with SQLite's busy handler set to <paramref name="busyTimeout"/>: a lock another
    /// connection holds for a moment (the host's writer commits a batch) is waited for in SQLite's own short steps.
    /// </summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode, TimeSpan busyTimeout)
    {
        var connection = new SqliteConnection(Unpooled(path, mode, busyTimeout));
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "Only constant pragmas and statements of this folder; no value from outside reaches the text.")]
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "As above.")]
    public static IReadOnlyList<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>SQLite's result codes the backup and restore tell apart (the primary code, without the extended bits).</summary>
    public const int Busy = 5;
    public const int Locked = 6;
    public const int Corrupt = 11;
    public const int NotADatabase = 26;

    public static int PrimaryCode(SqliteException exception) => exception.SqliteErrorCode & 0xFF;
}
