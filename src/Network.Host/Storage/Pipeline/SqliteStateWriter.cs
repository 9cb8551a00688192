using System.Globalization;
using Microsoft.Data.Sqlite;
using Network.Domain.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The one writer of grain state to a SQLite file: a long-lived connection with its statements prepared once, the
/// busy timeout set (SQLite waits for another writer's lock in its own handler, instead of the driver's 150 ms
/// sleeps), and automatic checkpoints moved off the commit path to a background loop. Each batch is one
/// <c>BEGIN IMMEDIATE … COMMIT</c>; each unit in it runs inside a savepoint, so a version conflict or a constraint
/// failure rolls back that unit alone.
/// </summary>
internal sealed partial class SqliteStateWriter : IAsyncDisposable
{
    private const int BusyTimeoutMilliseconds = StorageConnectionStrings.SqliteBusyTimeoutSeconds * 1000;
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);

    /// <summary>How often the background loop deletes the keyed sets' expired members.</summary>
    private static readonly TimeSpan ExpireEvery = TimeSpan.FromHours(1);

    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private const string UpdateSql =
        "UPDATE orleans_grain_state SET payload_json = @payload, version = version + 1, modified_at = " + Now +
        " WHERE " + StateSql.RowMatch + " AND version = @version RETURNING version;";

    private const string InsertSql =
        "INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string, version, payload_json, modified_at)" +
        " VALUES (@service, @type, @n0, @n1, @id, 1, @payload, " + Now + ") ON CONFLICT DO NOTHING RETURNING version;";

    private const string ClearSql =
        "UPDATE orleans_grain_state SET payload_json = NULL, version = version + 1, modified_at = " + Now +
        " WHERE " + StateSql.RowMatch + " AND version = @version RETURNING version;";

    private readonly string _connectionString;
    private readonly SqliteSynchronous _synchronous;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private SqliteConnection? _connection;
    private Statements? _statements;
    private Task? _checkpoints;

    public SqliteStateWriter(string connectionString, SqliteSynchronous synchronous, ILogger logger)
    {
        _connectionString = connectionString;
        _synchronous = synchronous;
        _logger = logger;
    }

    /// <summary>Writes one batch in one transaction and answers every unit; throws (answering none) if the transaction failed.</summary>
    public async Task WriteAsync(IReadOnlyList<StateUnit> batch)
    {
        var statements = await OpenAsync().ConfigureAwait(false);
        var versions = new int?[batch.Count];
        var failures = new Exception?[batch.Count];
        try
        {
            statements.Begin.ExecuteNonQuery();
            for (var i = 0; i < batch.Count; i++)
            {
                statements.Savepoint.ExecuteNonQuery();
                try
                {
                    versions[i] = Apply(statements, batch[i]);
                }
                catch (SqliteException exception) when (exception.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
                {
                    failures[i] = exception;
                }
                if (versions[i] is null)
                {
                    statements.RollbackToSavepoint.ExecuteNonQuery();
                }
                statements.ReleaseSavepoint.ExecuteNonQuery();
            }
            statements.Commit.ExecuteNonQuery();
        }
        catch
        {
            await ResetAsync().ConfigureAwait(false);
            throw;
        }
        // Only now, after COMMIT returned (and, with synchronous=FULL, the WAL reached the disk), is any unit answered.
        for (var i = 0; i < batch.Count; i++)
        {
            if (versions[i] is { } version)
            {
                batch[i].Commit(version);
            }
            else if (failures[i] is { } failure)
            {
                batch[i].Fail(failure);
            }
            else
            {
                batch[i].Conflict();
            }
        }
    }

    /// <summary>The unit's statements inside its savepoint; the new version, or null when the version check failed.</summary>
    private static int? Apply(Statements statements, StateUnit unit)
    {
        var snapshot = (unit.Kind, unit.ExpectedVersion) switch
        {
            (StateUnitKind.Write, null) => statements.Insert,
            (StateUnitKind.Write, _) => statements.Update,
            (StateUnitKind.Clear, _) => statements.Clear,
            _ => throw new InvalidOperationException($"Unknown unit kind {unit.Kind}."),
        };
        BindKey(snapshot.Parameters, unit.Key);
        if (snapshot.Parameters.Contains("@payload"))
        {
            snapshot.Parameters["@payload"].Value = unit.Payload;
        }
        if (snapshot.Parameters.Contains("@version"))
        {
            snapshot.Parameters["@version"].Value = unit.ExpectedVersion;
        }
        if (snapshot.ExecuteScalar() is not long version)
        {
            return null;
        }
        foreach (var row in unit.LogRows)
        {
            var append = statements.Append[StateLogs.Checked(row.Log)];
            append.Parameters["@owner"].Value = row.Owner;
            append.Parameters["@seq"].Value = row.Seq;
            append.Parameters["@at"].Value = FormatInstant(row.At);
            append.Parameters["@entry"].Value = row.EntryJson;
            append.ExecuteNonQuery();
        }
        foreach (var row in unit.KeyRows)
        {
            var add = statements.AddKey[StateKeySets.Checked(row.Set)];
            add.Parameters["@owner"].Value = row.Owner;
            add.Parameters["@key"].Value = row.Key;
            add.Parameters["@at"].Value = FormatInstant(row.At);
            add.ExecuteNonQuery();
        }
        return checked((int)version);
    }

    public static void BindKey(SqliteParameterCollection parameters, StateRowKey key)
    {
        Set(parameters, "@service", key.ServiceId);
        Set(parameters, "@type", key.StateName);
        Set(parameters, "@n0", key.N0);
        Set(parameters, "@n1", key.N1);
        Set(parameters, "@id", key.IdString);

        static void Set(SqliteParameterCollection parameters, string name, object value)
        {
            if (parameters.Contains(name))
            {
                parameters[name].Value = value;
            }
            else
            {
                parameters.AddWithValue(name, value);
            }
        }
    }

    public static string FormatInstant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private async Task<Statements> OpenAsync()
    {
        if (_statements is { } open)
        {
            return open;
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync().ConfigureAwait(false);
            using (var pragmas = connection.CreateCommand())
            {
                // Checkpoints are the background loop's job, so no commit of this connection pays for one.
                pragmas.CommandText =
                    $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = {(_synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA wal_autocheckpoint = 0;";
                pragmas.ExecuteNonQuery();
            }
            _statements = Statements.Prepare(connection);
            _connection = connection;
            _checkpoints ??= Task.Run(CheckpointLoopAsync);
            return _statements;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>After a failed batch: roll back what is open and start the next batch on a new connection.</summary>
    private async Task ResetAsync()
    {
        var connection = _connection;
        _statements?.Dispose();
        (_connection, _statements) = (null, null);
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Copies the WAL into the database file on a connection of its own, so commits never wait for it.</summary>
    private async Task CheckpointLoopAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.OpenAsync(_stopping.Token).ConfigureAwait(false);
                using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
                command.ExecuteNonQuery();
                // PASSIVE: copies what no reader still needs and never blocks the writer or the readers.
                const string Checkpoint = "PRAGMA wal_checkpoint(PASSIVE);";
                var expireAt = DateTimeOffset.MinValue;
                while (!_stopping.IsCancellationRequested)
                {
                    await Task.Delay(CheckpointEvery, _stopping.Token).ConfigureAwait(false);
                    try
                    {
                        if (DateTimeOffset.UtcNow >= expireAt)
                        {
                            ExpireKeys(command);
                            expireAt = DateTimeOffset.UtcNow + ExpireEvery;
                        }
                        command.CommandText = Checkpoint;
                        command.ExecuteNonQuery();
                    }
                    catch (SqliteException exception)
                    {
                        LogCheckpointFailed(_logger, exception);
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Deletes the members of the keyed sets older than <see cref="StateKeySets.Retention"/> (a short write of its own).</summary>
    private static void ExpireKeys(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("@cutoff", FormatInstant(DateTimeOffset.UtcNow - StateKeySets.Retention));
        foreach (var set in StateKeySets.All)
        {
            command.CommandText = $"DELETE FROM {set} WHERE at < @cutoff;";
            command.ExecuteNonQuery();
        }
        command.Parameters.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_checkpoints is { } checkpoints)
        {
            await checkpoints.ConfigureAwait(false);
        }
        await ResetAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background WAL checkpoint (or expiry of applied ids) of the state store failed; the next one will try again.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);

    /// <summary>The writer's statements, prepared once on its connection.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly List<SqliteCommand> _all = [];

        private Statements(SqliteConnection connection)
        {
            Begin = Add(connection, "BEGIN IMMEDIATE;");
            Commit = Add(connection, "COMMIT;");
            Savepoint = Add(connection, "SAVEPOINT unit;");
            RollbackToSavepoint = Add(connection, "ROLLBACK TO unit;");
            ReleaseSavepoint = Add(connection, "RELEASE unit;");
            Update = Add(connection, UpdateSql, "@service", "@type", "@n0", "@n1", "@id", "@payload", "@version");
            Insert = Add(connection, InsertSql, "@service", "@type", "@n0", "@n1", "@id", "@payload");
            Clear = Add(connection, ClearSql, "@service", "@type", "@n0", "@n1", "@id", "@version");
            Append = StateLogs.All.ToDictionary(log => log, log => Add(connection,
                $"INSERT INTO {log} (owner_key, seq, at, entry_json) VALUES (@owner, @seq, @at, @entry);",
                "@owner", "@seq", "@at", "@entry"), StringComparer.Ordinal);
            AddKey = StateKeySets.All.ToDictionary(set => set, set => Add(connection,
                $"INSERT INTO {set} (owner_key, item_key, at) VALUES (@owner, @key, @at) ON CONFLICT DO NOTHING;",
                "@owner", "@key", "@at"), StringComparer.Ordinal);
        }

        public SqliteCommand Begin { get; }
        public SqliteCommand Commit { get; }
        public SqliteCommand Savepoint { get; }
        public SqliteCommand RollbackToSavepoint { get; }
        public SqliteCommand ReleaseSavepoint { get; }
        public SqliteCommand Update { get; }
        public SqliteCommand Insert { get; }
        public SqliteCommand Clear { get; }
        public Dictionary<string, SqliteCommand> Append { get; }
        public Dictionary<string, SqliteCommand> AddKey { get; }

        public static Statements Prepare(SqliteConnection connection) => new(connection);

        private SqliteCommand Add(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }
            command.Prepare();
            _all.Add(command);
            return command;
        }

        public void Dispose() => _all.ForEach(c => c.Dispose());
    }
}
