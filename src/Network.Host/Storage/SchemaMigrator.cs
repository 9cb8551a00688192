using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Network.Host.Storage;

/// <summary>
/// Creates or upgrades the database schema: applies each embedded script of the configured provider exactly once,
/// in version order, each in its own transaction together with its row in <c>network_schema_version</c>.
/// Safe when several hosts start at once: on PostgreSQL the whole run holds a session advisory lock; on SQLite
/// each step runs under <c>BEGIN IMMEDIATE</c> (the database's write lock) and re-reads what is applied first.
/// On an up-to-date database it changes nothing.
/// </summary>
public static partial class SchemaMigrator
{
    /// <summary>The table that records applied scripts: version, name, applied_at.</summary>
    public const string VersionTable = "network_schema_version";

    /// <summary>The PostgreSQL advisory lock key that serialises migrators ("NETWORK!" as a 64-bit number).</summary>
    public const long PostgreSqlLockKey = 0x4E4554574F524B21;

    /// <summary>How long a PostgreSQL migrator waits for another one to finish before it gives up, in seconds.</summary>
    public const int LockWaitSeconds = 300;

    /// <summary>Applies the pending scripts and returns their names, in the order they were applied.</summary>
    public static Task<IReadOnlyList<string>> ApplyAsync(StorageOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        var scripts = SchemaScripts.For(options.Kind);
        return options.Kind switch
        {
            StorageProvider.Sqlite => ApplySqliteAsync(options.SqliteFullPath, scripts, logger, cancellationToken),
            _ => ApplyPostgreSqlAsync(options.ResolveConnectionString(), scripts, logger, cancellationToken),
        };
    }

    private static async Task<IReadOnlyList<string>> ApplySqliteAsync(
        string path, IReadOnlyList<SchemaScript> scripts, ILogger logger, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var applied = new List<string>();
        var connection = new SqliteConnection(StorageConnectionStrings.ForSqlite(path));
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // WAL lets readers go on while one connection writes; the mode is stored in the file, so once is enough.
            var mode = await ScalarAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(Convert.ToString(mode, System.Globalization.CultureInfo.InvariantCulture), "wal", StringComparison.OrdinalIgnoreCase))
            {
                LogJournalModeNotWal(logger, path, mode);
            }

            while (true)
            {
                // BEGIN IMMEDIATE takes the write lock now (waiting out the busy timeout if another host holds it),
                // so reading what is applied and applying the next script cannot interleave with another migrator.
                await ExecuteAsync(connection, null, "BEGIN IMMEDIATE;", cancellationToken).ConfigureAwait(false);
                SchemaScript? next;
                try
                {
                    await ExecuteAsync(connection, null,
                        $"CREATE TABLE IF NOT EXISTS {VersionTable} (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);",
                        cancellationToken).ConfigureAwait(false);
                    var done = await ReadAppliedAsync(connection, null, cancellationToken).ConfigureAwait(false);
                    if (applied.Count == 0)
                    {
                        WarnAboutUnknownVersions(logger, scripts, done);
                    }
                    next = scripts.FirstOrDefault(s => !done.ContainsKey(s.Version));
                    if (next is not null)
                    {
                        await ExecuteAsync(connection, null, next.Sql, cancellationToken).ConfigureAwait(false);
                        await RecordAsync(connection, null,
                            $"INSERT INTO {VersionTable} (version, name, applied_at) VALUES (@version, @name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));",
                            next, cancellationToken).ConfigureAwait(false);
                    }
                    await ExecuteAsync(connection, null, "COMMIT;", cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await RollBackQuietlyAsync(connection).ConfigureAwait(false);
                    throw;
                }

                if (next is null)
                {
                    break;
                }
                applied.Add(next.Name);
                LogApplied(logger, next.Name, "SQLite", path);
            }
        }

        LogDone(logger, "SQLite", applied.Count, scripts.Count == 0 ? 0 : scripts[^1].Version);
        return applied;
    }

    private static async Task<IReadOnlyList<string>> ApplyPostgreSqlAsync(
        string connectionString, IReadOnlyList<SchemaScript> scripts, ILogger logger, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var database = $"{connection.Host}:{connection.Port}/{connection.Database}";

            // One migrator at a time per database: the others wait here, then find nothing left to do.
            var wait = CreateCommand(connection, null, $"SELECT pg_advisory_lock({PostgreSqlLockKey});");
            await using (wait.ConfigureAwait(false))
            {
                wait.CommandTimeout = LockWaitSeconds;
                await wait.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            try
            {
                await ExecuteAsync(connection, null,
                    $"CREATE TABLE IF NOT EXISTS {VersionTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());",
                    cancellationToken).ConfigureAwait(false);
                var done = await ReadAppliedAsync(connection, null, cancellationToken).ConfigureAwait(false);
                WarnAboutUnknownVersions(logger, scripts, done);

                foreach (var script in scripts.Where(s => !done.ContainsKey(s.Version)))
                {
                    var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
                        await RecordAsync(connection, transaction,
                            $"INSERT INTO {VersionTable} (version, name) VALUES (@version, @name);",
                            script, cancellationToken).ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                    applied.Add(script.Name);
                    LogApplied(logger, script.Name, "PostgreSQL", database);
                }
            }
            finally
            {
                await UnlockQuietlyAsync(connection).ConfigureAwait(false);
            }
        }

        LogDone(logger, "PostgreSQL", applied.Count, scripts.Count == 0 ? 0 : scripts[^1].Version);
        return applied;
    }

    private static void WarnAboutUnknownVersions(ILogger logger, IReadOnlyList<SchemaScript> scripts, Dictionary<int, string> done)
    {
        var known = scripts.ToDictionary(s => s.Version, s => s.Name);
        foreach (var (version, name) in done)
        {
            if (!known.TryGetValue(version, out var expected))
            {
                LogUnknownVersion(logger, version, name);
            }
            else if (!string.Equals(expected, name, StringComparison.Ordinal))
            {
                LogRenamedVersion(logger, version, name, expected);
            }
        }
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var command = CreateCommand(connection, transaction, $"SELECT version, name FROM {VersionTable};");
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var done = new Dictionary<int, string>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    done[Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)] = reader.GetString(1);
                }
                return done;
            }
        }
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction? transaction, string sql, SchemaScript script, CancellationToken cancellationToken)
    {
        var command = CreateCommand(connection, transaction, sql);
        await using (command.ConfigureAwait(false))
        {
            AddParameter(command, "version", script.Version);
            AddParameter(command, "name", script.Name);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = CreateCommand(connection, transaction, sql);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = CreateCommand(connection, transaction, sql);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task UnlockQuietlyAsync(NpgsqlConnection connection)
    {
        // Ending the session frees the lock too, but a pooled connection's session may live on, so unlock now.
        // If the connection is broken, its session (and the lock) is gone already: nothing to hide the real error.
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }
        try
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({PostgreSqlLockKey});", CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // As above: a connection that cannot run this has lost its session and the lock with it.
        }
    }

    private static async Task RollBackQuietlyAsync(SqliteConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, null, "ROLLBACK;", CancellationToken.None).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // No transaction was open any more (SQLite rolls back by itself on some errors); nothing to undo.
        }
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "The text is either a constant of this class or a schema script embedded in this assembly; values go in as parameters.")]
    private static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Applied schema script {Script} to {Provider} database {Database}")]
    private static partial void LogApplied(ILogger logger, string script, string provider, string database);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "{Provider} schema is up to date at version {Version}; {Count} script(s) applied by this run")]
    private static partial void LogDone(ILogger logger, string provider, int count, int version);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "The database records schema version {Version} ({Name}), which this build does not know; it was probably upgraded by a newer release")]
    private static partial void LogUnknownVersion(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "The database records schema version {Version} as {Recorded}, but this build calls it {Expected}")]
    private static partial void LogRenamedVersion(ILogger logger, int version, string recorded, string expected);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "SQLite database {Path} did not switch to WAL journal mode (it reports {Mode}); concurrent readers may wait for writers")]
    private static partial void LogJournalModeNotWal(ILogger logger, string path, object? mode);
}
