using Network.Domain.Storage;
using Network.Domain.Telemetry;
using Npgsql;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// Grain state on PostgreSQL. Writes go to one of a few writers chosen by the row's key (so one row's units stay in
/// order and no two writers ever touch the same row); each writer commits the units that queued up meanwhile as one
/// transaction holding one <see cref="NpgsqlBatch"/>. PostgreSQL shares a WAL flush among concurrent commits, so a few
/// writers in parallel keep the disk busy while each batch amortises its round trip.
/// </summary>
internal sealed class PostgresStateStore : IStateStore, IStateLogReader, IStateLogWriter
{
    private readonly NpgsqlDataSource _dataSource;
    private int _disposed;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _expiry;
    private readonly PostgresStateWriter[] _writers;
    private readonly StateWriteQueue<WriteUnit>[] _shards;

    public PostgresStateStore(string connectionString, int writers, int maxBatch, ILogger logger, NetworkMetrics? metrics = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        // The store's statements are planned once each, through their keys' indexes (see ForPostgreSqlStateStore).
        _dataSource = NpgsqlDataSource.Create(StorageConnectionStrings.ForPostgreSqlStateStore(connectionString));
        _writers = Enumerable.Range(0, writers).Select(_ => new PostgresStateWriter(_dataSource, logger)).ToArray();
        _shards = _writers
            .Select(writer => new StateWriteQueue<WriteUnit>(writer.WriteAsync, maxBatch,
                metrics is null ? null : (took, committed) => metrics.StorageBatchCommitted("postgresql", took, committed)))
            .ToArray();
        _expiry = Task.Run(() => ExpireKeysAsync(logger));
    }

    /// <summary>
    /// Deletes the keyed sets' members older than <see cref="StateKeySets.Retention"/> and the expiring logs' rows past
    /// their time, now and then every hour.
    /// </summary>
    private async Task ExpireKeysAsync(ILogger logger)
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                try
                {
                    var connection = await _dataSource.OpenConnectionAsync(_stopping.Token).ConfigureAwait(false);
                    await using (connection.ConfigureAwait(false))
                    {
                        foreach (var set in StateKeySets.Expiring)
                        {
                            using var command = connection.CreateCommand();
                            command.CommandText = $"DELETE FROM {set} WHERE at < $1;";
                            command.Parameters.Add(new NpgsqlParameter { Value = (DateTimeOffset.UtcNow - StateKeySets.Retention).UtcDateTime });
                            await command.ExecuteNonQueryAsync(_stopping.Token).ConfigureAwait(false);
                        }
                        foreach (var log in StateLogs.ExpiringAtTheirTime)
                        {
                            using var command = connection.CreateCommand();
                            command.CommandText = $"DELETE FROM {log} WHERE at < now();";
                            await command.ExecuteNonQueryAsync(_stopping.Token).ConfigureAwait(false);
                        }
                    }
                }
                catch (NpgsqlException exception)
                {
                    PostgresStateWriter.LogExpiryFailed(logger, exception);
                }
                await Task.Delay(TimeSpan.FromHours(1), _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    // The store's reads, by a key each (the planning test explains them: PostgresStatePlanTests).
    internal const string StateReadText =
        "SELECT payload_json::text, version FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $2 AND grain_id_n0 = $3 AND grain_id_n1 = $4 AND grain_id_string = $5;";

    internal static string ContainsText(string table) => $"SELECT 1 FROM {table} WHERE owner_key = $1 AND item_key = $2;";

    internal static string MembersText(string table) => $"SELECT item_key FROM {table} WHERE owner_key = ANY($1);";

    internal static string LogAfterText(string table) =>
        $"SELECT seq, at, entry_json::text FROM {table} WHERE owner_key = $1 AND seq > $3 ORDER BY seq LIMIT $2;";

    internal static string LogLastText(string table) =>
        $"SELECT seq, at, entry_json::text FROM {table} WHERE owner_key = $1 ORDER BY seq DESC LIMIT $2;";

    internal static string QueuedText(string table) =>
        $"SELECT seq, item_key, source, kind, body, at FROM {table} WHERE owner_key = $1 ORDER BY seq LIMIT $2;";

    public Task<int> CommitAsync(StateUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (unit.Companion is { } companion and not PostgresStateCompanion)
        {
            // Made for another writer (SQLite's): refused here, where it fails this grain's write alone, rather than left out.
            throw new ArgumentException($"The PostgreSQL state store cannot write {companion.Description} in a state unit.", nameof(unit));
        }
        _shards[unit.Key.ShardOf(_shards.Length)].Submit(unit);
        return unit.Committed;
    }

    public Task<bool> AppendOnceAsync(OnceAppend append)
    {
        var unit = new LogAppendUnit(append);
        _shards[ShardOf(unit.Append)].Submit(unit);
        return unit.Committed;
    }

    /// <summary>
    /// One owner's appends go to one writer, so they commit in the order they were kept (the numbers come from a
    /// sequence, which no two writers or silos share a number of).
    /// </summary>
    private int ShardOf(OnceAppend append) => (int)((uint)HashCode.Combine(append.Log, append.Owner) % (uint)_shards.Length);

    /// <summary>
    /// The appends and the reads as one unit of a writer's batch (<see cref="AppendThenReadUnit"/>): it shares the
    /// commit of the grains' units batched with it, and the reads cost no round trip of their own. They run in the
    /// appends' transaction, before its commit, so the owners' locks (<see cref="PostgresOwnerLocks"/>) keep a wait
    /// that opens meanwhile from missing both. Where those cannot (a set whose additions take no locks), or the
    /// appends' owners belong to different writers (whose order each keeps), the appends are committed first and the
    /// reads follow on a pooled connection (<see cref="AppendedThenRead.OneAfterTheOtherAsync"/>).
    /// </summary>
    /// <remarks>
    /// Not an error barrier (a Sync) between the appends and the reads in the batch, which would commit the appends
    /// first and need no locks: Npgsql 10.0.3 fails the whole batch with "unexpected backend message DataRow", and
    /// breaks its connection, when a statement before the barrier is refused and one before it returned a row (so one
    /// refused unit would fail every unit of its batch).
    /// </remarks>
    public Task<AppendedThenRead> AppendOnceThenReadMembersAsync(IReadOnlyList<OnceAppend> appends, string keySet,
        IReadOnlyList<IReadOnlyCollection<string>> thenRead)
    {
        ArgumentNullException.ThrowIfNull(appends);
        ArgumentNullException.ThrowIfNull(thenRead);
        _ = StateKeySets.Checked(keySet);
        // Every append checked before any is written: bad input fails the call and changes nothing.
        var checkedAppends = appends.Select(append => append.Checked()).ToList();
        var shards = checkedAppends.Select(ShardOf).Distinct().ToList();
        if (checkedAppends.Count == 0 || shards.Count > 1 || !PostgresOwnerLocks.Locks(keySet))
        {
            return AppendedThenRead.OneAfterTheOtherAsync(this, this, checkedAppends, keySet, thenRead);
        }
        var unit = new AppendThenReadUnit(checkedAppends, keySet, thenRead);
        _shards[shards[0]].Submit(unit);
        return unit.Committed;
    }

    public async Task<StoredState?> ReadAsync(StateRowKey key, CancellationToken cancellationToken)
    {
        // A data-source command opens a pooled connection for its execution and gives it back with the reader.
        await using var command = _dataSource.CreateCommand();
        command.CommandText = StateReadText;
        PostgresStateWriter.BindKey(command.Parameters, key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return new StoredState(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1));
    }

    public async Task<bool> ContainsAsync(string keySet, string owner, string key, CancellationToken cancellationToken = default)
    {
        var table = StateKeySets.Checked(keySet);
        await using var command = _dataSource.CreateCommand();
        command.CommandText = ContainsText(table);
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public Task<IReadOnlyList<string>> MembersAsync(string keySet, string owner, CancellationToken cancellationToken = default) =>
        MembersOfAnyAsync(keySet, [owner], cancellationToken);

    public async Task<IReadOnlyList<string>> MembersOfAnyAsync(string keySet, IReadOnlyCollection<string> owners, CancellationToken cancellationToken = default)
    {
        var table = StateKeySets.Checked(keySet);
        ArgumentNullException.ThrowIfNull(owners);
        await using var command = _dataSource.CreateCommand();
        command.CommandText = MembersText(table);
        command.Parameters.Add(OwnersParameter(owners));
        IReadOnlyList<string> members;
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            members = await MembersFromAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        // Read to the end (every event's dispatch reads its waits so): its parameter goes back to the writers' pool.
        PostgresParameterPool.Return(command.Parameters);
        return members;
    }

    /// <summary>The owners of a members read (<see cref="MembersText"/>), as its one array parameter.</summary>
    internal static NpgsqlParameter OwnersParameter(IReadOnlyCollection<string> owners) =>
        PostgresArrays.Text([.. owners]);

    /// <summary>
    /// The members in the reader's current result (a <see cref="MembersText"/> read), once each, in ordinal order: for
    /// the store's own reads and the reads of an <see cref="AppendThenReadUnit"/> in a writer's batch.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> MembersFromAsync(NpgsqlDataReader reader, CancellationToken cancellationToken = default)
    {
        var members = new SortedSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            members.Add(reader.GetString(0));
        }
        return [.. members];
    }

    public async Task<IReadOnlyList<LogRow>> ReadAsync(string log, string owner, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        var table = StateLogs.Checked(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = _dataSource.CreateCommand();
        command.CommandText = LogAfterText(table);
        command.Parameters.Add(new NpgsqlParameter { Value = afterSeq });
        return await ReadLogRowsAsync(command, table, owner, limit, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LogRow>> ReadLastAsync(string log, string owner, int limit, CancellationToken cancellationToken = default)
    {
        var table = StateLogs.Checked(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = _dataSource.CreateCommand();
        command.CommandText = LogLastText(table);
        var newestFirst = await ReadLogRowsAsync(command, table, owner, limit, cancellationToken).ConfigureAwait(false);
        return newestFirst.Reverse().ToList();
    }

    /// <summary>Runs a log query whose first two parameters are the owner and the limit (any others were added before).</summary>
    private static async Task<IReadOnlyList<LogRow>> ReadLogRowsAsync(
        NpgsqlCommand command, string table, string owner, int limit, CancellationToken cancellationToken)
    {
        command.Parameters.Insert(0, new NpgsqlParameter { Value = owner });
        command.Parameters.Insert(1, new NpgsqlParameter { Value = limit });
        var rows = new List<LogRow>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new LogRow(table, owner, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2)));
        }
        return rows;
    }

    public async Task<IReadOnlyList<QueueRow>> QueuedAsync(string queue, string owner, int limit, CancellationToken cancellationToken = default)
    {
        var table = StateQueues.Checked(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = _dataSource.CreateCommand();
        command.CommandText = QueuedText(table);
        command.Parameters.Add(new NpgsqlParameter { Value = owner });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var rows = new List<QueueRow>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new QueueRow(table, owner, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)) { Seq = reader.GetInt64(0) });
        }
        return rows;
    }

    // The container may dispose the store twice (it is also registered as the log reader): the second time does nothing.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _expiry.ConfigureAwait(false);
        _stopping.Dispose();
        foreach (var shard in _shards)
        {
            await shard.DisposeAsync().ConfigureAwait(false);
        }
        // Their loops have stopped: the writers' own connections can close.
        foreach (var writer in _writers)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
