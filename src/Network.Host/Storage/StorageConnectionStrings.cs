using Microsoft.Data.Sqlite;

namespace Network.Host.Storage;

/// <summary>Connection strings and ADO.NET invariant names for the two storage providers.</summary>
public static class StorageConnectionStrings
{
    /// <summary>
    /// The invariant under which Orleans 10.4.2's ADO.NET providers know SQLite. Its factory table maps this name
    /// to <c>Microsoft.Data.Sqlite.SqliteFactory</c>; the name "Microsoft.Data.Sqlite" is NOT a key there.
    /// </summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The invariant under which Orleans knows Npgsql.</summary>
    public const string PostgreSqlInvariant = "Npgsql";

    /// <summary>
    /// How long a SQLite command waits for a lock held by another connection before it fails, in seconds.
    /// Microsoft.Data.Sqlite retries a busy database for up to the command timeout, so this is the busy timeout.
    /// </summary>
    public const int SqliteBusyTimeoutSeconds = 30;

    /// <summary>
    /// The same wait for SQLite's own busy handler (<c>PRAGMA busy_timeout</c>), which every connection that writes
    /// sets: SQLite then retries a lock in steps of a few milliseconds, where Microsoft.Data.Sqlite's own retry sleeps
    /// 150 ms each time.
    /// </summary>
    public const int SqliteBusyTimeoutMilliseconds = SqliteBusyTimeoutSeconds * 1000;

    /// <summary>
    /// A pooled, read-write-create connection string for the SQLite file at <paramref name="path"/>, whose commands
    /// wait up to <see cref="SqliteBusyTimeoutSeconds"/> for a busy database instead of failing.
    /// </summary>
    public static string ForSqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = SqliteBusyTimeoutSeconds,
        }.ToString();
    }
}
