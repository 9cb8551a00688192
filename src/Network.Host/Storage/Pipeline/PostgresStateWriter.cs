using System.Collections.Concurrent;
using System.Text;
using Network.Domain.Storage;
using Network.Host.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// One writer of grain state to PostgreSQL. A batch is one <see cref="NpgsqlBatch"/> (one transaction), one statement
/// per unit (a log row no grain numbers, <see cref="LogAppendUnit"/>, is one statement too): the snapshot's
/// version-checked update (or insert) and the unit's rows (log lines, set members, queued messages, removals), joined
/// in one statement whose other parts run only when the snapshot's did, so a conflict changes nothing of its unit while
/// the other units of the batch commit. Where units add waits, or read them after appends, a statement taking their
/// entries' locks comes first (<see cref="PostgresOwnerLocks"/>). If the batch fails as a whole (an error aborts a
/// PostgreSQL transaction), its units are tried again one per transaction, so one bad unit fails alone.
/// </summary>
/// <remarks>
/// Each statement text is prepared once per connection and planned once for all values, with sequential scans off
/// (<see cref="StorageConnectionStrings.ForPostgreSqlStateStore"/>). So no statement here joins tables: a plan made
/// while a table was nearly empty could join by reading all of the table's index, and keep doing so once it had grown.
/// Rows are found by their key's values as index conditions; a check against the unit's rows that PostgreSQL would
/// turn into a join is kept a look-up per row with <c>OFFSET 0</c>, which PostgreSQL does not merge into the query.
/// A test explains every shape's plan on empty tables and on tables of a few rows whose statistics say so.
/// </remarks>
internal sealed partial class PostgresStateWriter(NpgsqlDataSource dataSource, ILogger logger) : IAsyncDisposable
{
    // Statement texts by shape (kind, insert or update, which logs, sets and queues have rows, which companion part): a
    // handful, built once each.
    private static readonly ConcurrentDictionary<(StateUnitKind, bool, int, string?), string> Texts = new();

    // The append-once statement per log (a checked name, so safe as a table name).
    private static readonly ConcurrentDictionary<string, string> AppendTexts = new();

    // The writer's own connection, kept from batch to batch (only the writer's loop uses it, one batch at a time). So
    // its batches run in one server process, whose prepared statements and caches stay warm; a connection taken from the
    // pool per batch moved them in turn over every connection the pool had grown to for the readers' bursts.
    private NpgsqlConnection? _connection;

    public async Task WriteAsync(IReadOnlyList<WriteUnit> batch)
    {
        try
        {
            var versions = await ExecuteAsync(batch).ConfigureAwait(false);
            Answer(batch, versions);
        }
        catch (Exception exception) when (batch.Count > 1 && FailsOneUnit(exception))
        {
            LogBatchRetriedAlone(logger, exception, batch.Count);
            foreach (var unit in batch)
            {
                try
                {
                    Answer([unit], await ExecuteAsync([unit]).ConfigureAwait(false));
                }
                catch (Exception alone) when (FailsOneUnit(alone))
                {
                    unit.Fail(alone is CompanionFailedException companion ? companion.InnerException! : alone);
                }
            }
        }
        catch (CompanionFailedException exception)
        {
            batch[0].Fail(exception.InnerException!);
        }
    }

    /// <summary>
    /// An error of one unit's making, which aborts the batch's transaction but would not the others' on their own: the
    /// server refused a statement, or a companion's write failed. Anything else (the connection lost) fails the batch.
    /// </summary>
    private static bool FailsOneUnit(Exception exception) => exception is PostgresException or CompanionFailedException;

    /// <summary>A unit's companion failed (its own error inside), so the transaction it shared is rolled back.</summary>
    private sealed class CompanionFailedException(Exception inner) : Exception(inner.Message, inner);

    /// <param name="results">Per unit, the first column of its statement's row, or null when it returned none.</param>
    private static void Answer(IReadOnlyList<WriteUnit> units, int?[] results)
    {
        for (var i = 0; i < units.Count; i++)
        {
            switch (units[i])
            {
                case StateUnit unit when results[i] == ClaimTakenVersion:
                    unit.ClaimTaken();
                    break;
                case StateUnit unit:
                    unit.Answer(results[i]);
                    break;
                case LogAppendUnit append:
                    append.Commit(results[i] is not null);
                    break;
                case AppendThenReadUnit appendThenRead:
                    appendThenRead.Commit();
                    break;
                default:
                    units[i].Fail(new InvalidOperationException($"The PostgreSQL writer cannot write {units[i].Describe}."));
                    break;
            }
        }
    }

    /// <summary>The units run on the writer's own connection (<see cref="RunInOneTransactionAsync"/>).</summary>
    private async Task<int?[]> ExecuteAsync(IReadOnlyList<WriteUnit> units)
    {
        var connection = await ConnectionAsync().ConfigureAwait(false);
        try
        {
            return await RunInOneTransactionAsync(connection, units).ConfigureAwait(false);
        }
        // The server refused a statement (the transaction is rolled back and the connection fine, unless the server
        // ended the session, which ConnectionAsync sees next time), or a companion failed (its transaction rolled back
        // as it was disposed). Anything else may have left the connection unusable.
        catch (Exception exception) when (exception is not PostgresException and not CompanionFailedException)
        {
            await DropConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The writer's connection, opened again when it was never opened, or broke (the server restarted, say).</summary>
    private async Task<NpgsqlConnection> ConnectionAsync()
    {
        if (_connection is { FullState: System.Data.ConnectionState.Open } open)
        {
            return open;
        }
        await DropConnectionAsync().ConfigureAwait(false);
        return _connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
    }

    private async ValueTask DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the writer's connection; call once its loop has stopped.</summary>
    public ValueTask DisposeAsync() => DropConnectionAsync();

    /// <summary>
    /// Runs the units in one transaction; the new version of each, or null where its version check failed. The batch
    /// is its own transaction: PostgreSQL runs the statements of one pipelined batch (one Sync) as one implicit
    /// transaction, so a batch costs one round trip, with no BEGIN and COMMIT of its own, and an error rolls all of it back.
    /// A companion that is a part of its unit's statement (<see cref="PostgresStateCompanion.Part"/>) is in the batch
    /// already. A batch with companions whose statements run after it (<see cref="PostgresStateCompanion.Work"/>)
    /// needs its transaction open after the batch, so it takes an explicit one: its BEGIN goes with the batch, then
    /// each companion's statements, then the COMMIT. The companions' statements keep the store's plan settings, each
    /// planned once: they reach their rows by keys, which <c>PostgresStatePlanTests</c> checks for each of them. Planned for their values, as they were before, the
    /// instance list's upsert and its task rows' deletes cost PostgreSQL more planning than running (measured with
    /// <c>pg_stat_statements</c>: 4.4 s of planning against 3.9 s of running, over 30,100 starts and 30,000 events).
    /// </summary>
    private static async Task<int?[]> RunInOneTransactionAsync(NpgsqlConnection connection, IReadOnlyList<WriteUnit> units)
    {
        if (!units.Any(unit => unit is StateUnit { Companion: not null } state && CompanionOf(state.Companion).Work is not null))
        {
            return await RunBatchAsync(connection, units).ConfigureAwait(false);
        }
        // Companions run after the batch, in its transaction: an explicit one (Npgsql sends its BEGIN with the batch).
        var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var versions = await RunBatchAsync(connection, units).ConfigureAwait(false);
            for (var i = 0; i < units.Count; i++)
            {
                if (versions[i] is not null && units[i] is StateUnit { Companion: { } companion } && CompanionOf(companion).Work is { } work)
                {
                    try
                    {
                        await work(connection, transaction, CancellationToken.None).ConfigureAwait(false);
                    }
                    // The companion's own error, or the server's refusal of its statement; a lost connection fails the batch.
                    catch (Exception failure) when (failure is not NpgsqlException || failure is PostgresException)
                    {
                        throw new CompanionFailedException(failure);
                    }
                }
            }
            await transaction.CommitAsync().ConfigureAwait(false);
            return versions;
        }
    }

    /// <summary>
    /// The units' statements as one batch; per unit the new version, or null where its version check failed (an
    /// <see cref="AppendThenReadUnit"/> holds what it appended and read, and gets a 1).
    /// </summary>
    private static async Task<int?[]> RunBatchAsync(NpgsqlConnection connection, IReadOnlyList<WriteUnit> units)
    {
        var versions = new int?[units.Count];
        using var batch = new NpgsqlBatch(connection);
        // First, every lock the units need, in the one order of all transactions (PostgresOwnerLocks).
        var locks = PostgresOwnerLocks.CommandFor(units);
        if (locks is not null)
        {
            batch.BatchCommands.Add(locks);
        }
        foreach (var unit in units)
        {
            foreach (var command in CommandsFor(unit))
            {
                batch.BatchCommands.Add(command);
            }
        }
        using (var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false))
        {
            if (locks is not null)
            {
                await reader.NextResultAsync().ConfigureAwait(false);
            }
            for (var i = 0; i < units.Count; i++)
            {
                if (units[i] is AppendThenReadUnit appendThenRead)
                {
                    appendThenRead.Read = await ReadAsync(reader, appendThenRead).ConfigureAwait(false);
                    versions[i] = 1;
                    continue;
                }
                if (await reader.ReadAsync().ConfigureAwait(false))
                {
                    versions[i] = reader.GetInt32(0);
                }
                await reader.NextResultAsync().ConfigureAwait(false);
            }
        }
        // Read to the end: Npgsql is done with the parameters (a batch that failed keeps them, see the pool).
        PostgresParameterPool.Return(batch.BatchCommands);
        return versions;
    }

    /// <summary>An <see cref="AppendThenReadUnit"/>'s results: a row per append that added one, then each read's members.</summary>
    private static async Task<AppendedThenRead> ReadAsync(NpgsqlDataReader reader, AppendThenReadUnit unit)
    {
        var appended = new bool[unit.Appends.Count];
        for (var i = 0; i < appended.Length; i++)
        {
            appended[i] = await reader.ReadAsync().ConfigureAwait(false);
            await reader.NextResultAsync().ConfigureAwait(false);
        }
        var members = new List<IReadOnlyList<string>>(unit.ThenRead.Count);
        foreach (var _ in unit.ThenRead)
        {
            members.Add(await PostgresStateStore.MembersFromAsync(reader).ConfigureAwait(false));
            await reader.NextResultAsync().ConfigureAwait(false);
        }
        return new AppendedThenRead(appended, members);
    }

    private static PostgresStateCompanion CompanionOf(IStateCompanion companion) => companion as PostgresStateCompanion
        ?? throw new InvalidOperationException($"The PostgreSQL writer cannot write {companion.Description}: it was not made for it.");

    internal static IEnumerable<NpgsqlBatchCommand> CommandsFor(WriteUnit unit) => unit switch
    {
        StateUnit state => [CommandFor(state)],
        LogAppendUnit append => [CommandFor(append.Append)],
        AppendThenReadUnit appendThenRead => CommandsFor(appendThenRead),
        _ => throw new InvalidOperationException($"The PostgreSQL writer cannot write {unit.Describe}."),
    };

    /// <summary>
    /// The appends, then the reads. The owners' locks, taken shared, come before them all, in the statement that opens
    /// the batch's transaction (<see cref="PostgresOwnerLocks.CommandFor(IReadOnlyList{WriteUnit})"/>), so each read,
    /// a statement of its own, sees what committed before the locks.
    /// </summary>
    private static IEnumerable<NpgsqlBatchCommand> CommandsFor(AppendThenReadUnit unit)
    {
        foreach (var append in unit.Appends)
        {
            yield return CommandFor(append);
        }
        foreach (var owners in unit.ThenRead)
        {
            yield return new NpgsqlBatchCommand(PostgresStateStore.MembersText(unit.KeySet)) { Parameters = { PostgresStateStore.OwnersParameter(owners) } };
        }
    }

    /// <summary>
    /// The entry goes to the log with its id, numbered from the log's sequence, unless a row of the owner has the id
    /// (a row back when appended). The sequence gives each number once, above every number given before, so after
    /// the owner's last row whichever silos keep in the same owner at once (schema script <c>kept_event_seq</c>); an
    /// insert the id's index turns away takes a number too, a gap nothing needs closed.
    /// </summary>
    internal static NpgsqlBatchCommand CommandFor(OnceAppend append)
    {
        var command = new NpgsqlBatchCommand(AppendTexts.GetOrAdd(append.Log, static log =>
            $"INSERT INTO {log} (owner_key, seq, at, entry_json, item_key) VALUES ($1, nextval('{log}_seq'), $3, $4::json, $2) " +
            "ON CONFLICT (owner_key, item_key) DO NOTHING RETURNING 1;"));
        command.Parameters.Add(PostgresParameterPool.Rent(append.Owner, NpgsqlDbType.Text));
        command.Parameters.Add(PostgresParameterPool.Rent(append.Id, NpgsqlDbType.Text));
        command.Parameters.Add(PostgresParameterPool.Rent(append.At.UtcDateTime, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(PostgresParameterPool.Rent(append.EntryJson, NpgsqlDbType.Text));
        return command;
    }

    private static NpgsqlBatchCommand CommandFor(StateUnit unit)
    {
        var logs = StateLogs.All;
        var sets = StateKeySets.All;
        var queues = StateQueues.All;
        var mask = ShapeMask(unit);
        var insert = unit.Kind == StateUnitKind.Write && unit.ExpectedVersion is null;
        var part = unit.Companion is { } companion && CompanionOf(companion) is { Part: not null } inStatement ? inStatement : null;
        var command = new NpgsqlBatchCommand(part is null
            ? Texts.GetOrAdd((unit.Kind, insert, mask, null), Text)
            : Texts.GetOrAdd((unit.Kind, insert, mask, part.Shape), static (shape, part) => Text(shape, part), part));
        BindKey(command.Parameters, unit.Key);
        command.Parameters.Add(PostgresParameterPool.Rent(unit.Payload, NpgsqlDbType.Json));
        command.Parameters.Add(PostgresParameterPool.Rent(unit.ExpectedVersion, NpgsqlDbType.Integer));
        // The claims first: the snapshot's own condition names them.
        for (var i = 0; i < sets.Count; i++)
        {
            if ((mask & ClaimBit(i)) == 0)
            {
                continue;
            }
            AddMemberArrays(command.Parameters, RowsOf(unit.Claims, static r => r.Set, sets[i]));
        }
        for (var i = 0; i < logs.Count; i++)
        {
            if ((mask & (1 << i)) == 0)
            {
                continue;
            }
            var rows = RowsOf(unit.LogRows, static r => r.Log, logs[i]);
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.Owner));
            command.Parameters.Add(PostgresArrays.Bigint(rows, static r => r.Seq));
            command.Parameters.Add(PostgresArrays.Times(rows, static r => r.At));
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.EntryJson));
        }
        for (var i = 0; i < sets.Count; i++)
        {
            if ((mask & (1 << (logs.Count + i))) == 0)
            {
                continue;
            }
            AddMemberArrays(command.Parameters, RowsOf(unit.KeyRows, static r => r.Set, sets[i]));
        }
        for (var i = 0; i < sets.Count; i++)
        {
            if ((mask & (1 << (logs.Count + sets.Count + i))) == 0)
            {
                continue;
            }
            var rows = RowsOf(unit.KeyRemovals, static r => r.Set, sets[i]);
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.Owner));
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.Key));
        }
        if (unit.Audits.Count > 0)
        {
            var audits = unit.Audits;
            AddTextArray(command.Parameters, audits, a => a.Id);
            command.Parameters.Add(PostgresArrays.Times(audits, static a => a.At));
            AddTextArray(command.Parameters, audits, a => a.TenantPath);
            AddTextArray(command.Parameters, audits, a => a.ActorTenant);
            AddTextArray(command.Parameters, audits, a => a.ActorId);
            AddTextArray(command.Parameters, audits, a => a.Action);
            AddTextArray(command.Parameters, audits, a => a.Target);
            AddTextArray(command.Parameters, audits, a => a.Outcome);
            AddTextArray(command.Parameters, audits, a => a.EntryJson);
        }
        for (var i = 0; i < queues.Count; i++)
        {
            if ((mask & QueueBit(i)) == 0)
            {
                continue;
            }
            // In the unit's order: the insert takes them by ordinality, so their seqs follow it.
            var rows = RowsOf(unit.QueueRows, static r => r.Queue, queues[i]);
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.Owner));
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.Key));
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.Source));
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.Kind));
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.Body));
            command.Parameters.Add(PostgresArrays.Times(rows, static r => r.At));
        }
        for (var i = 0; i < queues.Count; i++)
        {
            if ((mask & QueueRemovalBit(i)) == 0)
            {
                continue;
            }
            var rows = RowsOf(unit.QueueRemovals, static r => r.Queue, queues[i]);
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.Owner));
            command.Parameters.Add(PostgresArrays.Text(rows, static r => r.Key));
        }
        foreach (var value in part?.Values ?? [])
        {
            command.Parameters.Add(PostgresParameterPool.Rent(value));
        }
        return command;
    }

    /// <summary>
    /// The unit's shape bits: one per log, keyed set (added to, removed from, claimed in) and queue (added to, removed
    /// from) that it has rows for, and the audit bit. Found in one pass over each list of rows (this runs for every
    /// unit written, so no delegate per table).
    /// </summary>
    private static int ShapeMask(StateUnit unit)
    {
        var logs = StateLogs.All;
        var sets = StateKeySets.All;
        var mask = unit.Audits.Count > 0 ? AuditBit : 0;
        foreach (var row in unit.LogRows)
        {
            mask |= 1 << IndexOf(logs, row.Log);
        }
        foreach (var row in unit.KeyRows)
        {
            mask |= 1 << (logs.Count + IndexOf(sets, row.Set));
        }
        foreach (var row in unit.KeyRemovals)
        {
            mask |= 1 << (logs.Count + sets.Count + IndexOf(sets, row.Set));
        }
        foreach (var row in unit.QueueRows)
        {
            mask |= QueueBit(IndexOf(StateQueues.All, row.Queue));
        }
        foreach (var row in unit.QueueRemovals)
        {
            mask |= QueueRemovalBit(IndexOf(StateQueues.All, row.Queue));
        }
        foreach (var row in unit.Claims)
        {
            mask |= ClaimBit(IndexOf(sets, row.Set));
        }
        return mask;
    }

    /// <summary>Where <paramref name="name"/> is among the checked names of <paramref name="names"/> (a unit's rows name only those).</summary>
    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        throw new InvalidOperationException($"The PostgreSQL writer knows no table '{name}'.");
    }

    /// <summary>
    /// The rows of <paramref name="rows"/> that go to the table <paramref name="table"/>, in their order: the list
    /// itself when they all do (a unit's rows of a kind mostly go to one table).
    /// </summary>
    private static IReadOnlyList<T> RowsOf<T>(IReadOnlyList<T> rows, Func<T, string> tableOf, string table)
    {
        var matching = 0;
        foreach (var row in rows)
        {
            if (string.Equals(tableOf(row), table, StringComparison.Ordinal))
            {
                matching++;
            }
        }
        if (matching == rows.Count)
        {
            return rows;
        }
        var of = new List<T>(matching);
        foreach (var row in rows)
        {
            if (string.Equals(tableOf(row), table, StringComparison.Ordinal))
            {
                of.Add(row);
            }
        }
        return of;
    }

    /// <summary>Set members (added or claimed) as the statement takes them: three arrays, of owners, keys and times.</summary>
    private static void AddMemberArrays(NpgsqlParameterCollection parameters, IReadOnlyList<KeyRow> rows)
    {
        parameters.Add(PostgresArrays.Text(rows, static r => r.Owner));
        parameters.Add(PostgresArrays.Text(rows, static r => r.Key));
        parameters.Add(PostgresArrays.Times(rows, static r => r.At));
    }

    /// <summary>One text column of the unit's audit lines, as an array (a null element where the line has none).</summary>
    private static void AddTextArray(NpgsqlParameterCollection parameters, IReadOnlyList<AuditRow> audits, Func<AuditRow, string?> column) =>
        parameters.Add(PostgresArrays.Text(audits, column));

    /// <summary>The shape bit of a unit that carries audit lines (after one bit per log, per keyed set added to, and per keyed set removed from).</summary>
    private static int AuditBit => 1 << (StateLogs.All.Count + (2 * StateKeySets.All.Count));

    /// <summary>The shape bit of a unit that queues messages to the <paramref name="queue"/>th queue (after the audit bit).</summary>
    private static int QueueBit(int queue) => AuditBit << (1 + queue);

    /// <summary>The shape bit of a unit that deletes messages from the <paramref name="queue"/>th queue (after one bit per queue added to).</summary>
    private static int QueueRemovalBit(int queue) => AuditBit << (1 + StateQueues.All.Count + queue);

    /// <summary>The shape bit of a unit that claims members of the <paramref name="set"/>th keyed set (after one bit per queue removed from).</summary>
    private static int ClaimBit(int set) => AuditBit << (1 + (2 * StateQueues.All.Count) + set);

    /// <summary>
    /// What a unit's statement returns instead of a version when one of its claims was taken (and so nothing was
    /// written): written versions start at 1.
    /// </summary>
    private const int ClaimTakenVersion = 0;

    /// <summary>
    /// $1–$5 the row's key, $6 the payload, $7 the expected version; then three arrays per keyed set with members
    /// claimed (<see cref="StateUnit.Claims"/>), four arrays per log with rows, three per
    /// keyed set with members added and two per keyed set with members removed, nine values for the audit line, six
    /// arrays per queue with messages added and two per queue with messages removed, and last a companion part's
    /// values. The inserts select from the snapshot's RETURNING, so they add rows only when the snapshot statement
    /// changed one; the companion part is given that condition.
    /// </summary>
    private static string Text((StateUnitKind Kind, bool Insert, int Mask, string? Part) shape) => Text(shape, null);

    /// <param name="part">A companion that is a part of the statement (<see cref="PostgresStateCompanion.Part"/>), whose parameters come last.</param>
    private static string Text((StateUnitKind Kind, bool Insert, int Mask, string? Part) shape, PostgresStateCompanion? part)
    {
        const string Match = "service_id = $1 AND grain_type = $2 AND grain_id_n0 = $3 AND grain_id_n1 = $4 AND grain_id_string = $5";
        var next = 8;
        // The claims' members, and the condition that none of them is in its set yet, which the snapshot waits for.
        var claims = new List<(string Set, int First)>();
        for (var i = 0; i < StateKeySets.All.Count; i++)
        {
            if ((shape.Mask & ClaimBit(i)) != 0)
            {
                claims.Add((StateKeySets.All[i], next));
                next += 3;
            }
        }
        var unclaimed = claims.Count == 0 ? "" : " AND " + string.Join(" AND ", claims.Select(c => "NOT " + AnyPresent(c.Set, c.First)));
        var snapshot = shape switch
        {
            (StateUnitKind.Write, true, _, _) =>
                "INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string, version, payload_json) " +
                $"SELECT $1, $2, $3, $4, $5, 1, $6 WHERE $7::integer IS NULL{unclaimed} ON CONFLICT DO NOTHING RETURNING version",
            (StateUnitKind.Write, false, _, _) =>
                $"UPDATE orleans_grain_state SET payload_json = $6, version = version + 1, modified_at = now() WHERE {Match} AND version = $7{unclaimed} RETURNING version",
            _ =>
                $"UPDATE orleans_grain_state SET payload_json = NULL, version = version + 1, modified_at = now() WHERE {Match} AND version = $7 AND $6::json IS NULL{unclaimed} RETURNING version",
        };
        var text = new StringBuilder("WITH s AS (").Append(snapshot).Append(')');
        foreach (var (set, first) in claims)
        {
            // No ON CONFLICT: the snapshot checked the members were not there, so only a twin activation's write of
            // the same moment can have added one, and its unique violation fails this unit rather than skip it.
            text.Append(", c").Append(first).Append(" AS (INSERT INTO ").Append(set)
                .Append(" (owner_key, item_key, at) SELECT o, k, a FROM unnest(")
                .Append('$').Append(first).Append("::text[], $").Append(first + 1).Append("::text[], $").Append(first + 2)
                .Append("::timestamptz[]) AS r(o, k, a) WHERE EXISTS (SELECT 1 FROM s))");
        }
        for (var i = 0; i < StateLogs.All.Count; i++)
        {
            if ((shape.Mask & (1 << i)) == 0)
            {
                continue;
            }
            text.Append(", l").Append(i).Append(" AS (INSERT INTO ").Append(StateLogs.All[i])
                .Append(" (owner_key, seq, at, entry_json) SELECT o, q, a, e::json FROM unnest(")
                .Append('$').Append(next).Append("::text[], $").Append(next + 1).Append("::bigint[], $").Append(next + 2)
                .Append("::timestamptz[], $").Append(next + 3).Append("::text[]) AS r(o, q, a, e) WHERE EXISTS (SELECT 1 FROM s))");
            next += 4;
        }
        for (var i = 0; i < StateKeySets.All.Count; i++)
        {
            if ((shape.Mask & (1 << (StateLogs.All.Count + i))) == 0)
            {
                continue;
            }
            // A member added twice keeps the first (ON CONFLICT DO NOTHING), as on SQLite. Where the set's owners are
            // locked against reads after appends, the batch took their locks before this statement (PostgresOwnerLocks).
            text.Append(", k").Append(i).Append(" AS (INSERT INTO ").Append(StateKeySets.All[i])
                .Append(" (owner_key, item_key, at) SELECT o, k, a FROM unnest(")
                .Append('$').Append(next).Append("::text[], $").Append(next + 1).Append("::text[], $").Append(next + 2)
                .Append("::timestamptz[]) AS r(o, k, a) WHERE EXISTS (SELECT 1 FROM s) ON CONFLICT DO NOTHING)");
            next += 3;
        }
        for (var i = 0; i < StateKeySets.All.Count; i++)
        {
            if ((shape.Mask & (1 << (StateLogs.All.Count + StateKeySets.All.Count + i))) == 0)
            {
                continue;
            }
            // Members removed with the snapshot (never one the same unit adds: a wait opens or ends, not both).
            text.Append(", d").Append(i).Append(" AS (").Append(DeletePairs(StateKeySets.All[i], next)).Append(')');
            next += 2;
        }
        if ((shape.Mask & AuditBit) != 0)
        {
            // The changes' audit lines, only with the change; a line already stored (the same change again) is kept.
            text.Append(", au AS (INSERT INTO audit_entry (id, at, tenant_path, actor_tenant, actor_id, action, target, outcome, entry_json)")
                .Append(" SELECT r.id, r.at, r.tp, r.actt, r.act, r.ac, r.tg, r.oc, r.ej FROM unnest($")
                .Append(next).Append("::text[], $").Append(next + 1).Append("::timestamptz[], $").Append(next + 2).Append("::text[], $")
                .Append(next + 3).Append("::text[], $").Append(next + 4).Append("::text[], $").Append(next + 5).Append("::text[], $")
                .Append(next + 6).Append("::text[], $").Append(next + 7).Append("::text[], $").Append(next + 8)
                .Append("::text[]) AS r(id, at, tp, actt, act, ac, tg, oc, ej) WHERE EXISTS (SELECT 1 FROM s) ON CONFLICT (id) DO NOTHING)");
            next += 9;
        }
        for (var i = 0; i < StateQueues.All.Count; i++)
        {
            if ((shape.Mask & QueueBit(i)) == 0)
            {
                continue;
            }
            // Messages queued with the snapshot, in the unit's order (by ordinality, so their seqs follow it); one already
            // queued (ON CONFLICT) or already sent (in the queue's sent set) is skipped, as on SQLite. All the CTEs of
            // one statement see the same snapshot, so a sent-set member this same unit adds is not seen here: that is
            // fine, as a grain never sends and queues one key in the same unit.
            text.Append(", q").Append(i).Append(" AS (INSERT INTO ").Append(StateQueues.All[i])
                .Append(" (owner_key, item_key, source, kind, body, at) SELECT r.o, r.k, r.src, r.kd, r.b, r.a FROM unnest($")
                .Append(next).Append("::text[], $").Append(next + 1).Append("::text[], $").Append(next + 2).Append("::text[], $")
                .Append(next + 3).Append("::text[], $").Append(next + 4).Append("::text[], $").Append(next + 5)
                .Append("::timestamptz[]) WITH ORDINALITY AS r(o, k, src, kd, b, a, n) WHERE EXISTS (SELECT 1 FROM s) AND NOT EXISTS (SELECT 1 FROM ")
                .Append(StateQueues.SentSet(StateQueues.All[i]))
                // OFFSET 0 keeps the look-up a key look-up per row rather than a join (see the class's remarks).
                .Append(" t WHERE t.owner_key = r.o AND t.item_key = r.k OFFSET 0) ORDER BY r.n ON CONFLICT DO NOTHING)");
            next += 6;
        }
        for (var i = 0; i < StateQueues.All.Count; i++)
        {
            if ((shape.Mask & QueueRemovalBit(i)) == 0)
            {
                continue;
            }
            // Messages the owner sent, deleted with the snapshot that records them as sent (the same snapshot rule: never
            // one this unit queues).
            text.Append(", qd").Append(i).Append(" AS (").Append(DeletePairs(StateQueues.All[i], next)).Append(')');
            next += 2;
        }
        if (part is not null)
        {
            text.Append(", cp AS (").Append(part.Part!(next, "EXISTS (SELECT 1 FROM s)")).Append(')');
        }
        text.Append(" SELECT version FROM s");
        if (claims.Count > 0)
        {
            // No snapshot and a claim taken: say so (in the statement's own snapshot, so what the condition saw).
            text.Append(" UNION ALL SELECT ").Append(ClaimTakenVersion).Append(" WHERE NOT EXISTS (SELECT 1 FROM s) AND (")
                .Append(string.Join(" OR ", claims.Select(c => AnyPresent(c.Set, c.First)))).Append(')');
        }
        return text.Append(';').ToString();
    }

    /// <summary>
    /// True when one of the (owner, item) pairs given as two arrays at <c>$first</c> and the next parameter is in
    /// <paramref name="set"/>: a look-up of the primary key per pair (<c>OFFSET 0</c>, so not a join; see the class's remarks).
    /// </summary>
    private static string AnyPresent(string set, int first) =>
        $"EXISTS (SELECT 1 FROM unnest(${first}::text[], ${first + 1}::text[]) AS c(o, k) " +
        $"WHERE EXISTS (SELECT 1 FROM {set} t WHERE t.owner_key = c.o AND t.item_key = c.k OFFSET 0))";

    /// <summary>
    /// Deletes the rows of <paramref name="table"/> whose (owner, item) pairs are given as two arrays at
    /// <c>$first</c> and the next parameter, only when the snapshot statement changed a row. The pairs are found by
    /// the primary key (both columns' values as index conditions), each row checked against the pairs it came from
    /// in a look-up per row: no join, whose plan could turn to reading the whole table (see the class's remarks).
    /// </summary>
    private static string DeletePairs(string table, int first) =>
        $"DELETE FROM {table} t WHERE t.owner_key = ANY(${first}::text[]) AND t.item_key = ANY(${first + 1}::text[]) " +
        $"AND EXISTS (SELECT 1 FROM unnest(${first}::text[], ${first + 1}::text[]) AS r(o, k) WHERE r.o = t.owner_key AND r.k = t.item_key OFFSET 0) " +
        "AND EXISTS (SELECT 1 FROM s)";

    public static void BindKey(NpgsqlParameterCollection parameters, StateRowKey key)
    {
        parameters.Add(PostgresParameterPool.Rent(key.ServiceId, NpgsqlDbType.Varchar));
        parameters.Add(PostgresParameterPool.Rent(key.StateName, NpgsqlDbType.Text));
        parameters.Add(PostgresParameterPool.Rent(key.N0, NpgsqlDbType.Bigint));
        parameters.Add(PostgresParameterPool.Rent(key.N1, NpgsqlDbType.Bigint));
        parameters.Add(PostgresParameterPool.Rent(key.IdString, NpgsqlDbType.Text));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired applied ids from the state store failed; it is tried again in an hour.")]
    public static partial void LogExpiryFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} state units failed as a whole; each is tried again on its own.")]
    private static partial void LogBatchRetriedAlone(ILogger logger, Exception exception, int count);
}
