using System.Globalization;
using Microsoft.Data.Sqlite;
using Network.Domain.Storage;
using Network.Domain.Telemetry;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// Grain state on the embedded SQLite file. Reads use connections kept open with their statements prepared
/// (<see cref="SqliteReaders"/>; WAL: they never wait for the writer);
/// every write goes through one <see cref="SqliteStateWriter"/>, which owns the file's one write connection and
/// commits the units that queued up meanwhile in one transaction. The read model writes through it too
/// (<see cref="ISqliteFileWriter"/>), so the file has one writing connection.
/// </summary>
internal sealed class SqliteStateStore : IStateStore, IStateLogReader, IStateLogWriter, ISqliteFileWriter
{
    private readonly string _connectionString;
    private readonly SqliteStateWriter _writer;
    private readonly SqliteReaders _readers;
    private int _disposed;
    private readonly StateWriteQueue<WriteUnit> _queue;

    public SqliteStateStore(string connectionString, SqliteSynchronous synchronous, int maxBatch, ILogger logger, NetworkMetrics? metrics = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _connectionString = connectionString;
        _writer = new SqliteStateWriter(connectionString, synchronous, logger);
        _readers = new SqliteReaders(connectionString);
        _queue = new StateWriteQueue<WriteUnit>(_writer.WriteAsync, maxBatch,
            metrics is null ? null : (took, committed) => metrics.StorageBatchCommitted("sqlite", took, committed),
            ownThread: "SQLite state writer");
    }

    public Task<int> CommitAsync(StateUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        _queue.Submit(unit);
        return unit.Committed;
    }

    public Task<bool> AppendOnceAsync(OnceAppend append)
    {
        var unit = new LogAppendUnit(append);
        _queue.Submit(unit);
        return unit.Committed;
    }

    public Task<AppendedThenRead> AppendOnceThenReadMembersAsync(IReadOnlyList<OnceAppend> appends, string keySet,
        IReadOnlyList<IReadOnlyCollection<string>> thenRead) =>
        AppendedThenRead.OneAfterTheOtherAsync(this, this, appends, keySet, thenRead);

    public Task WriteAsync(string description, Func<SqliteConnection, CancellationToken, Task> work)
    {
        var unit = new SqliteWorkUnit(description, work);
        _queue.Submit(unit);
        return unit.Committed;
    }

    public Task<StoredState?> ReadAsync(StateRowKey key, CancellationToken cancellationToken) =>
        WithCommandAsync(StateSql.Read, async command =>
        {
            SqliteStateWriter.BindKey(command.Parameters, key);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new StoredState(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1))
                : null;
        }, cancellationToken);

    public Task<bool> ContainsAsync(string keySet, string owner, string key, CancellationToken cancellationToken = default)
    {
        var table = StateKeySets.Checked(keySet);
        return WithCommandAsync(StateSql.ContainsKey(table), async command =>
        {
            command.Parameters.AddWithValue("@owner", owner);
            command.Parameters.AddWithValue("@key", key);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> MembersAsync(string keySet, string owner, CancellationToken cancellationToken = default) =>
        MembersOfAnyAsync(keySet, [owner], cancellationToken);

    public Task<IReadOnlyList<string>> MembersOfAnyAsync(string keySet, IReadOnlyCollection<string> owners, CancellationToken cancellationToken = default)
    {
        var table = StateKeySets.Checked(keySet);
        ArgumentNullException.ThrowIfNull(owners);
        if (owners.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }
        return WithCommandAsync<IReadOnlyList<string>>(StateSql.MembersOfAny(table, owners.Count), async command =>
        {
            var i = 0;
            foreach (var owner in owners)
            {
                command.Parameters.AddWithValue("@owner" + i++.ToString(CultureInfo.InvariantCulture), owner);
            }
            var members = new SortedSet<string>(StringComparer.Ordinal);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                members.Add(reader.GetString(0));
            }
            return [.. members];
        }, cancellationToken);
    }

    public Task<IReadOnlyList<LogRow>> ReadAsync(string log, string owner, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        var table = StateLogs.Checked(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return WithCommandAsync(StateSql.ReadLog(table), command =>
        {
            command.Parameters.AddWithValue("@after", afterSeq);
            return ReadLogRowsAsync(command, table, owner, limit, cancellationToken);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<LogRow>> ReadLastAsync(string log, string owner, int limit, CancellationToken cancellationToken = default)
    {
        var table = StateLogs.Checked(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return WithCommandAsync(StateSql.ReadLogEnd(table), async command =>
        {
            var newestFirst = await ReadLogRowsAsync(command, table, owner, limit, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<LogRow>)newestFirst.Reverse().ToList();
        }, cancellationToken);
    }

    private static async Task<IReadOnlyList<LogRow>> ReadLogRowsAsync(
        SqliteCommand command, string table, string owner, int limit, CancellationToken cancellationToken)
    {
        command.Parameters.AddWithValue("@owner", owner);
        command.Parameters.AddWithValue("@limit", limit);
        var rows = new List<LogRow>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new LogRow(table, owner, reader.GetInt64(0), SqliteStateWriter.ParseInstant(reader.GetString(1)), reader.GetString(2)));
        }
        return rows;
    }

    public Task<IReadOnlyList<QueueRow>> QueuedAsync(string queue, string owner, int limit, CancellationToken cancellationToken = default)
    {
        var table = StateQueues.Checked(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return WithCommandAsync<IReadOnlyList<QueueRow>>(StateSql.ReadQueue(table), async command =>
        {
            command.Parameters.AddWithValue("@owner", owner);
            command.Parameters.AddWithValue("@limit", limit);
            var rows = new List<QueueRow>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new QueueRow(table, owner, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    SqliteStateWriter.ParseInstant(reader.GetString(5))) { Seq = reader.GetInt64(0) });
            }
            return rows;
        }, cancellationToken);
    }

    /// <summary>Runs a read on a connection of its own (WAL: it never waits for the writer), its statement prepared once (<see cref="SqliteReaders"/>).</summary>
    private Task<T> WithCommandAsync<T>(string sql, Func<SqliteCommand, Task<T>> read, CancellationToken cancellationToken) =>
        _readers.ReadAsync(sql, read, cancellationToken);

    // The container may dispose the store twice (it is also registered as the log reader): the second time does nothing.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _queue.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        _readers.Dispose();
    }
}

/// <summary>How SQLite syncs the file at each commit (<c>Storage:Sqlite:Synchronous</c>).</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit waits for the disk: nothing acknowledged is lost, even in a power cut (the default).</summary>
    Full,

    /// <summary>WAL syncs only at checkpoints: a process crash loses nothing, a power cut may lose the last commits.</summary>
    Normal,
}
