using System.Globalization;
using Microsoft.Data.Sqlite;
using Network.Domain.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The one writer of grain state to a SQLite file: a long-lived connection with its statements prepared once, the
/// busy timeout set (SQLite waits for another writer's lock in its own handler, instead of the driver's 150 ms
/// sleeps), and automatic checkpoints moved off the commit path (<see cref="SqliteMaintenance"/>). Each batch is one
/// <c>BEGIN IMMEDIATE … COMMIT</c>; each unit in it runs inside a savepoint, so a version conflict or a constraint
/// failure rolls back that unit alone.
/// <para>
/// The WAL is copied to the database file in the background, but it can only start over from its beginning once a
/// checkpoint has copied every frame in it: under steady writes the background one never has (the writer adds frames
/// while it runs), so the WAL grew without end (2.5 GB in a 40 s benchmark), each write extending the file. So after
/// a background checkpoint that finds the WAL long (<see cref="SqliteMaintenance.RestartAfterFrames"/>), the writer
/// finishes it between two batches (<see cref="FinishCheckpoint"/>): it copies only the frames written since, no
/// frame is added meanwhile, and the next batch starts the WAL over, writing into the file it already has.
/// </para>
/// </summary>
internal sealed partial class SqliteStateWriter : IAsyncDisposable
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private readonly string _connectionString;
    private readonly SqliteSynchronous _synchronous;
    private readonly ILogger _logger;
    private SqliteConnection? _connection;
    private SqliteStateStatements? _statements;
    private SqliteWriterStatements? _otherTables;
    private SqliteMaintenance? _maintenance;
    private int _checkpointToFinish;

    public SqliteStateWriter(string connectionString, SqliteSynchronous synchronous, ILogger logger)
    {
        _connectionString = connectionString;
        _synchronous = synchronous;
        _logger = logger;
    }

    /// <summary>Writes one batch in one transaction and answers every unit; throws (answering none) if the transaction failed.</summary>
    public async Task WriteAsync(IReadOnlyList<WriteUnit> batch)
    {
        var statements = await OpenAsync().ConfigureAwait(false);
        var versions = new int?[batch.Count];
        var appended = new bool[batch.Count];
        var failures = new Exception?[batch.Count];
        try
        {
            statements.Begin.ExecuteNonQuery();
            for (var i = 0; i < batch.Count; i++)
            {
                statements.Savepoint.ExecuteNonQuery();
                var applied = false;
                try
                {
                    switch (batch[i])
                    {
                        case StateUnit unit:
                            versions[i] = Apply(statements, unit);
                            // A read model's rows only with a written snapshot; if they fail, the unit fails whole (below).
                            if (versions[i] is not null && unit.Companion is { } companion)
                            {
                                await CompanionOf(companion).Work(_connection!, CancellationToken.None).ConfigureAwait(false);
                            }
                            applied = versions[i] is not null;
                            break;
                        case LogAppendUnit append:
                            appended[i] = AppendOnce(statements, append.Append);
                            applied = true;
                            break;
                        case SqliteWorkUnit work:
                            // On the writer's connection, inside the open transaction and the unit's savepoint.
                            await work.Work(_connection!, CancellationToken.None).ConfigureAwait(false);
                            applied = true;
                            break;
                        default:
                            throw new InvalidOperationException($"The SQLite writer cannot write {batch[i].Describe}.");
                    }
                }
                catch (SqliteException exception) when (exception.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
                {
                    failures[i] = exception;
                }
                catch (KeyClaimedException taken)
                {
                    failures[i] = taken;
                }
                catch (Exception exception) when (batch[i] is SqliteWorkUnit or StateUnit { Companion: not null })
                {
                    // Another table's statements failed (a bad row, a constraint): their savepoint goes, the batch stays.
                    // Had the connection itself broken, the rollback below throws and the whole batch fails.
                    failures[i] = exception;
                }
                if (!applied)
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
        Answer(batch, versions, appended, failures);
        if (Interlocked.Exchange(ref _checkpointToFinish, 0) == 1)
        {
            Checkpoint(statements);
        }
    }

    /// <summary>
    /// Asks the writer to checkpoint on its own connection after its next batch, finishing the background checkpoint
    /// just made (see the class's remarks). Called by <see cref="SqliteMaintenance"/>; when no batch comes, nothing
    /// is needed: the background checkpoint copied everything.
    /// </summary>
    public void FinishCheckpoint() => Interlocked.Exchange(ref _checkpointToFinish, 1);

    private void Checkpoint(SqliteStateStatements statements)
    {
        try
        {
            statements.Checkpoint.ExecuteNonQuery();
        }
        catch (SqliteException exception)
        {
            // Committed units are answered already; the next background checkpoint tries again.
            LogCheckpointFailed(_logger, exception);
        }
    }

    private static void Answer(IReadOnlyList<WriteUnit> batch, int?[] versions, bool[] appended, Exception?[] failures)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            switch (batch[i])
            {
                case var unit when failures[i] is { } failure:
                    unit.Fail(failure);
                    break;
                case StateUnit unit:
                    unit.Answer(versions[i]);
                    break;
                case LogAppendUnit append:
                    append.Commit(appended[i]);
                    break;
                case SqliteWorkUnit work:
                    work.Commit();
                    break;
            }
        }
    }

    private static SqliteStateCompanion CompanionOf(IStateCompanion companion) => companion as SqliteStateCompanion
        ?? throw new InvalidOperationException($"The SQLite writer cannot write {companion.Description}: it was not made for it.");

    /// <summary>The unit's statements inside its savepoint; the new version, or null when the version check failed.</summary>
    private static int? Apply(SqliteStateStatements statements, StateUnit unit)
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
        foreach (var claim in unit.Claims)
        {
            var add = statements.AddKey[StateKeySets.Checked(claim.Set)];
            add.Parameters["@owner"].Value = claim.Owner;
            add.Parameters["@key"].Value = claim.Key;
            add.Parameters["@at"].Value = FormatInstant(claim.At);
            // The insert skips a member that is there: none added means the claim was taken, and the unit rolls back.
            if (add.ExecuteNonQuery() == 0)
            {
                throw new KeyClaimedException(claim.Set, claim.Owner, claim.Key);
            }
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
        foreach (var row in unit.KeyRemovals)
        {
            var remove = statements.RemoveKey[StateKeySets.Checked(row.Set)];
            remove.Parameters["@owner"].Value = row.Owner;
            remove.Parameters["@key"].Value = row.Key;
            remove.ExecuteNonQuery();
        }
        // In list order, so the rowids (the queue's seq) follow the order the grain queued them in.
        foreach (var row in unit.QueueRows)
        {
            var enqueue = statements.Enqueue[StateQueues.Checked(row.Queue)];
            enqueue.Parameters["@owner"].Value = row.Owner;
            enqueue.Parameters["@key"].Value = row.Key;
            enqueue.Parameters["@source"].Value = row.Source;
            enqueue.Parameters["@kind"].Value = row.Kind;
            enqueue.Parameters["@body"].Value = row.Body;
            enqueue.Parameters["@at"].Value = FormatInstant(row.At);
            enqueue.ExecuteNonQuery();
        }
        foreach (var row in unit.QueueRemovals)
        {
            var dequeue = statements.Dequeue[StateQueues.Checked(row.Queue)];
            dequeue.Parameters["@owner"].Value = row.Owner;
            dequeue.Parameters["@key"].Value = row.Key;
            dequeue.ExecuteNonQuery();
        }
        foreach (var audit in unit.Audits)
        {
            var p = statements.AddAudit.Parameters;
            p["@id"].Value = audit.Id;
            p["@at"].Value = FormatInstant(audit.At);
            p["@tenant"].Value = (object?)audit.TenantPath ?? DBNull.Value;
            p["@actor_tenant"].Value = (object?)audit.ActorTenant ?? DBNull.Value;
            p["@actor"].Value = audit.ActorId;
            p["@action"].Value = audit.Action;
            p["@target"].Value = audit.Target;
            p["@outcome"].Value = audit.Outcome;
            p["@entry"].Value = audit.EntryJson;
            statements.AddAudit.ExecuteNonQuery();
        }
        return checked((int)version);
    }

    /// <summary>The entry goes to the log with its id, numbered after the owner's last row, unless a row of the owner has the id.</summary>
    private static bool AppendOnce(SqliteStateStatements statements, OnceAppend append)
    {
        var next = statements.AppendNext[append.Log];
        next.Parameters["@owner"].Value = append.Owner;
        next.Parameters["@key"].Value = append.Id;
        next.Parameters["@at"].Value = FormatInstant(append.At);
        next.Parameters["@entry"].Value = append.EntryJson;
        return next.ExecuteNonQuery() == 1;
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

    private async Task<SqliteStateStatements> OpenAsync()
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
                // temp_store = MEMORY keeps the units' savepoint journal in memory: SQLite otherwise moves it to a
                // temporary file once it passes 64 KiB (created, written page by page and deleted in /var/tmp, in
                // most batches of the link benchmark: about a tenth of the host's CPU). It only undoes a unit within
                // its batch, so losing it in a crash loses nothing: the batch was not committed.
                pragmas.CommandText =
                    $"PRAGMA busy_timeout = {StorageConnectionStrings.SqliteBusyTimeoutMilliseconds}; PRAGMA synchronous = {(_synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA wal_autocheckpoint = 0; PRAGMA temp_store = MEMORY;";
                pragmas.ExecuteNonQuery();
            }
            _statements = SqliteStateStatements.Prepare(connection);
            // The read model's statements, run in the batches on this connection, are kept prepared for it too.
            _otherTables = SqliteWriterStatements.KeepFor(connection);
            _connection = connection;
            _maintenance ??= new SqliteMaintenance(_connectionString, FinishCheckpoint, _logger);
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
        _otherTables?.Dispose();
        (_connection, _statements, _otherTables) = (null, null, null);
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_maintenance is { } maintenance)
        {
            await maintenance.DisposeAsync().ConfigureAwait(false);
        }
        await ResetAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The writer's checkpoint after a batch failed; the next background checkpoint asks again.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
