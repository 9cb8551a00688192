using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

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

    /// <summary>Statements Npgsql prepares on each connection when a connection string does not say (<see cref="ForPostgreSql"/>).</summary>
    public const int PostgreSqlAutoPrepared = 64;

    /// <summary>The server setting, given as a connection's <c>Options</c>, that plans a prepared statement for its values.</summary>
    public const string CustomPlansOption = "-c plan_cache_mode=force_custom_plan";

    /// <summary>
    /// The operator's PostgreSQL connection string with defaults where it does not set them:
    /// <list type="bullet">
    /// <item>Npgsql prepares the statements a connection runs often (<c>Max Auto Prepare</c>,
    /// <see cref="PostgreSqlAutoPrepared"/>; Npgsql's default is none);</item>
    /// <item>whenever statements are prepared, by this default or the operator's own <c>Max Auto Prepare</c>, each is
    /// still planned for its values: <see cref="CustomPlansOption"/> joins the operator's <c>Options</c> unless
    /// they name a <c>plan_cache_mode</c> of their own;</item>
    /// <item>a connection goes back to its pool without its session being reset (<c>No Reset On Close</c>): nothing
    /// here sets session state (no SET outside <c>SET LOCAL</c>, which ends with its transaction; no temporary tables,
    /// advisory locks or LISTEN).</item>
    /// </list>
    /// In a benchmark of events on PostgreSQL the server was the busier process, most of its time parsing and
    /// planning the same few statements again and resetting sessions.
    /// </summary>
    public static string ForPostgreSql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        // The keys the operator gave, as given (the Npgsql builder would answer for every key it knows).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = PostgreSqlAutoPrepared;
            builder.AutoPrepareMinUsages = 2;
        }
        // A prepared statement is planned anew for its values each time, never once for all (PostgreSQL's generic
        // plan, chosen after five runs from the table sizes of that moment, scanned tables that had grown since:
        // with 20,000 instances waiting, events/s fell from 916 to 332). The parse is what preparing saves. The
        // setting joins whatever Options the operator gave (a search_path, say) unless they chose a plan_cache_mode.
        if (builder.MaxAutoPrepare > 0
            && !(builder.Options ?? "").Contains("plan_cache_mode", StringComparison.OrdinalIgnoreCase))
        {
            AppendOption(builder, CustomPlansOption);
        }
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// The planner settings of the grain-state store's own connections (<see cref="ForPostgreSqlStateStore"/>): each
    /// prepared statement is planned once for all values (its generic plan), and never to read a whole table.
    /// </summary>
    public const string StateStorePlansOption = "-c plan_cache_mode=force_generic_plan -c enable_seqscan=off";

    /// <summary>
    /// The connection string of the grain-state store (<c>PostgresStateStore</c>): <paramref name="connectionString"/>
    /// (as <see cref="ForPostgreSql"/> gave it) with <see cref="StateStorePlansOption"/> after its <c>Options</c>, so
    /// these win over an earlier <c>plan_cache_mode</c>. The store runs a few statements per event, each finding its
    /// rows by a key, so planning them for their values each time only costs: in the events benchmark, planning took
    /// PostgreSQL longer than running them. A generic plan, though, is made once from the table sizes of that moment;
    /// on a table then nearly empty, reading all of it looks cheapest, and the plan stays when the table grows. With
    /// sequential scans off, each statement's plan goes through its key's index whatever the sizes, and the store's
    /// statements are written to need no join (whose plan could still read a whole index).
    /// </summary>
    public static string ForPostgreSqlStateStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        AppendOption(builder, StateStorePlansOption);
        return builder.ConnectionString;
    }

    /// <summary>Adds server settings after the connection's <c>Options</c> (a later setting of the same name wins).</summary>
    private static void AppendOption(NpgsqlConnectionStringBuilder builder, string option) =>
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? option : $"{builder.Options.Trim()} {option}";

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
