using System.Collections.Concurrent;
using System.Globalization;
using Network.Domain.Audit;
using Network.Domain.Storage;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Network.Domain.Tests.Support;

/// <summary>
/// Grain state and its append-only logs and keyed sets in memory (and the log rows no grain numbers), for grain tests: state goes through the host's JSON serializer
/// (so it round-trips as in production), versions are checked like the host's pipeline checks them, and log rows are
/// kept only when their write succeeds. The real stores (SQLite, PostgreSQL) are tested in Network.Host.Tests.
/// </summary>
public sealed class InMemoryStateStorage : IGrainStorage, IStateLogReader, IStateLogWriter
{
    private readonly JsonGrainStateSerializer _serializer = new();
    private readonly ConcurrentDictionary<string, (BinaryData? Payload, int Version)> _rows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Log, string Owner), SortedList<long, LogRow>> _logs = new();
    private readonly ConcurrentDictionary<(string Set, string Owner, string Key), DateTimeOffset> _sets = new();
    private readonly HashSet<(string Log, string Owner, string Id)> _appendedIds = [];
    private readonly List<QueueRow> _queued = [];
    private long _lastQueueSeq;
    private readonly Lock _writing = new();
    private readonly ConcurrentDictionary<GrainId, bool> _refuseNextWrite = new();
    private readonly ConcurrentDictionary<GrainId, (TaskCompletionSource Reached, TaskCompletionSource Release)> _writePauses = new();
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Reached, TaskCompletionSource Release)> _membersPauses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _membersReads = new(StringComparer.Ordinal);
    private readonly List<(string Row, AuditEntry Entry)> _audits = [];
    private IActivatorProvider? _activators;

    /// <summary>Gives the silo's activators, which make a new state the way Orleans does (records without a parameterless constructor too).</summary>
    public InMemoryStateStorage Using(IActivatorProvider activators)
    {
        _activators = activators;
        return this;
    }

    private T NewState<T>() => (_activators ?? throw new InvalidOperationException("Call Using(activators) when the silo starts."))
        .GetActivator<T>().Create();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue(RowKey(stateName, grainId), out var row))
        {
            grainState.State = row.Payload is { } payload ? _serializer.Deserialize<T>(payload)! : NewState<T>();
            grainState.ETag = row.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = row.Payload is not null;
        }
        else
        {
            grainState.State = NewState<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State);
        if (_writePauses.TryRemove(grainId, out var pause))
        {
            pause.Reached.TrySetResult();
            await pause.Release.Task;
        }
        await Store(stateName, grainId, grainState, payload);
    }

    /// <summary>
    /// Holds the next write of this grain's state (its snapshot taken) until the test releases it: for a test of what
    /// a grain does with the calls that come while its write is on its way.
    /// </summary>
    /// <returns><c>Reached</c> completes when the write is held; <c>release</c> lets it store what it holds.</returns>
    public (Task Reached, Action Release) HoldNextWrite(GrainId grainId)
    {
        var pause = (Reached: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            Release: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _writePauses[grainId] = pause;
        return (pause.Reached.Task, () => pause.Release.TrySetResult());
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Store(stateName, grainId, grainState, null);

    public Task<bool> ContainsAsync(string keySet, string owner, string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sets.ContainsKey((StateKeySets.Checked(keySet), owner, key)));

    /// <summary>How many times the members of <paramref name="owner"/> were read.</summary>
    public int MembersReadsOf(string owner) => _membersReads.GetValueOrDefault(owner);

    public async Task<IReadOnlyList<string>> MembersAsync(string keySet, string owner, CancellationToken cancellationToken = default)
    {
        var set = StateKeySets.Checked(keySet);
        _membersReads.AddOrUpdate(owner, 1, (_, reads) => reads + 1);
        IReadOnlyList<string> members;
        lock (_writing)
        {
            members = [.. _sets.Keys.Where(k => k.Set == set && k.Owner == owner).Select(k => k.Key).Order(StringComparer.Ordinal)];
        }
        if (_membersPauses.TryRemove(owner, out var pause))
        {
            // The members are read; the reader is held before it can act on them, as a slow reader would be.
            pause.Reached.TrySetResult();
            await pause.Release.Task;
        }
        return members;
    }

    /// <summary>
    /// Holds the next read of <paramref name="owner"/>'s members after it has read them, until the test releases it:
    /// for a test of what happens while a reader acts on members that have changed since.
    /// </summary>
    /// <returns><c>Reached</c> completes when the read is held; <c>release</c> lets it return what it read.</returns>
    public (Task Reached, Action Release) HoldNextMembersRead(string owner)
    {
        var pause = (Reached: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            Release: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _membersPauses[owner] = pause;
        return (pause.Reached.Task, () => pause.Release.TrySetResult());
    }

    public Task<IReadOnlyList<LogRow>> ReadAsync(string log, string owner, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        lock (_writing)
        {
            IReadOnlyList<LogRow> rows = _logs.TryGetValue((StateLogs.Checked(log), owner), out var list)
                ? list.Values.Where(r => r.Seq > afterSeq).Take(limit).ToList()
                : [];
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<LogRow>> ReadLastAsync(string log, string owner, int limit, CancellationToken cancellationToken = default)
    {
        lock (_writing)
        {
            IReadOnlyList<LogRow> rows = _logs.TryGetValue((StateLogs.Checked(log), owner), out var list)
                ? list.Values.TakeLast(limit).ToList()
                : [];
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<QueueRow>> QueuedAsync(string queue, string owner, int limit, CancellationToken cancellationToken = default)
    {
        var checkedQueue = StateQueues.Checked(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_writing)
        {
            IReadOnlyList<QueueRow> rows = [.. _queued.Where(r => r.Queue == checkedQueue && r.Owner == owner).Take(limit)];
            return Task.FromResult(rows);
        }
    }

    public Task<bool> AppendOnceAsync(OnceAppend append)
    {
        var row = append.Checked();
        lock (_writing)
        {
            // The id is the row's own, unique per owner of the log (as the stores' item_key column is).
            if (!_appendedIds.Add((row.Log, row.Owner, row.Id)))
            {
                return Task.FromResult(false);
            }
            var log = _logs.GetOrAdd((row.Log, row.Owner), _ => []);
            var seq = log.Count == 0 ? 1 : log.Keys[^1] + 1;
            log.Add(seq, new LogRow(row.Log, row.Owner, seq, row.At, row.EntryJson));
            return Task.FromResult(true);
        }
    }

    public Task<AppendedThenRead> AppendOnceThenReadMembersAsync(IReadOnlyList<OnceAppend> appends, string keySet,
        IReadOnlyList<IReadOnlyCollection<string>> thenRead) =>
        AppendedThenRead.OneAfterTheOtherAsync(this, this, appends, keySet, thenRead);

    /// <summary>How many times a grain's state was written (its version); 0 when never.</summary>
    public int StoredVersion(string stateName, GrainId grainId) =>
        _rows.TryGetValue(RowKey(stateName, grainId), out var row) ? row.Version : 0;

    /// <summary>The audit lines this grain's writes stored with its state, in order.</summary>
    public IReadOnlyList<AuditEntry> StoredAudits(string stateName, GrainId grainId)
    {
        lock (_writing)
        {
            return [.. _audits.Where(a => a.Row == RowKey(stateName, grainId)).Select(a => a.Entry)];
        }
    }

    /// <summary>The stored JSON of a grain's state, as a test looks at it; null when none is stored.</summary>
    public string? StoredJson(string stateName, GrainId grainId) =>
        _rows.TryGetValue(RowKey(stateName, grainId), out var row) ? row.Payload?.ToString() : null;

    /// <summary>The next write or clear of this grain's state fails, as a lost database connection would, and stores nothing.</summary>
    public void RefuseNextWrite(GrainId grainId) => _refuseNextWrite[grainId] = true;

    private Task Store<T>(string stateName, GrainId grainId, IGrainState<T> grainState, BinaryData? payload)
    {
        if (_refuseNextWrite.TryRemove(grainId, out _))
        {
            throw new InvalidOperationException($"The test storage refused this write of {grainId}.");
        }
        var key = RowKey(stateName, grainId);
        var appends = grainState.State as IAppendsRows;
        var rows = payload is null ? [] : appends?.PendingLogRows ?? [];
        lock (_writing)
        {
            var expected = string.IsNullOrEmpty(grainState.ETag) ? (int?)null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
            var stored = _rows.TryGetValue(key, out var row) ? row.Version : (int?)null;
            if (stored != expected)
            {
                throw new InconsistentStateException($"Version conflict writing {key}: stored {stored}, expected {expected}.");
            }
            foreach (var logRow in rows)
            {
                if (_logs.TryGetValue((logRow.Log, logRow.Owner), out var existing) && existing.ContainsKey(logRow.Seq))
                {
                    throw new InvalidOperationException($"{logRow.Log} already has line {logRow.Seq} of {logRow.Owner}.");
                }
            }
            var claims = payload is null ? [] : appends?.PendingClaims ?? [];
            // As the stores do: a claim already in its set fails the whole write, before anything changes.
            foreach (var claim in claims)
            {
                if (_sets.ContainsKey((StateKeySets.Checked(claim.Set), claim.Owner, claim.Key)))
                {
                    throw new KeyClaimedException(claim.Set, claim.Owner, claim.Key);
                }
            }
            foreach (var keyRow in claims.Concat(payload is null ? [] : appends?.PendingKeyRows ?? []))
            {
                _sets.TryAdd((StateKeySets.Checked(keyRow.Set), keyRow.Owner, keyRow.Key), keyRow.At);
            }
            foreach (var removed in payload is null ? [] : appends?.PendingKeyRemovals ?? [])
            {
                _sets.TryRemove((StateKeySets.Checked(removed.Set), removed.Owner, removed.Key), out _);
            }
            foreach (var queued in payload is null ? [] : appends?.PendingQueueRows ?? [])
            {
                // As the stores do: a key already queued, or already in the queue's sent set, is not queued again.
                var queue = StateQueues.Checked(queued.Queue);
                if (!_queued.Any(r => r.Queue == queue && r.Owner == queued.Owner && r.Key == queued.Key)
                    && !_sets.ContainsKey((StateQueues.SentSet(queue), queued.Owner, queued.Key)))
                {
                    _queued.Add(queued with { Seq = ++_lastQueueSeq });
                }
            }
            foreach (var taken in payload is null ? [] : appends?.PendingQueueRemovals ?? [])
            {
                _queued.RemoveAll(r => r.Queue == StateQueues.Checked(taken.Queue) && r.Owner == taken.Owner && r.Key == taken.Key);
            }
            foreach (var logRow in rows)
            {
                _logs.GetOrAdd((StateLogs.Checked(logRow.Log), logRow.Owner), _ => []).Add(logRow.Seq, logRow);
            }
            var version = (stored ?? 0) + 1;
            _rows[key] = (payload, version);
            // As the pipeline does: the write stores the audit lines declared for it.
            _audits.AddRange(AuditOperation.ToStore.Select(entry => (key, entry)));
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = payload is not null;
        }
        if (payload is not null)
        {
            appends?.RowsStored();
        }
        return Task.CompletedTask;
    }

    private static string RowKey(string stateName, GrainId grainId) => stateName + "|" + grainId;
}
