using Network.Domain.Storage;
using Network.Host.Audit;
using Orleans.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>What a unit does to the grain's state row.</summary>
internal enum StateUnitKind
{
    /// <summary>Writes the snapshot: inserts the row when <see cref="StateUnit.ExpectedVersion"/> is null, else replaces it.</summary>
    Write,

    /// <summary>Keeps the row (and its version) but empties its payload, as Orleans' clear does.</summary>
    Clear,
}

/// <summary>
/// One grain step's writes: its state snapshot, checked against the version it read, and the rows it hands on (log
/// lines, set members, queued messages and the removals of set members and queued messages). A
/// unit commits whole or not at all, in a transaction it may share with other grains' units (group commit); a version
/// conflict or an error in one unit rolls back that unit alone.
/// </summary>
internal sealed class StateUnit : WriteUnit
{
    private readonly TaskCompletionSource<int> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StateUnit(
        StateRowKey key, StateUnitKind kind, int? expectedVersion, string? payload, IReadOnlyList<LogRow> logRows, IReadOnlyList<KeyRow>? keyRows = null,
        IReadOnlyList<AuditRow>? audits = null, IReadOnlyList<KeyRow>? keyRemovals = null, IReadOnlyList<QueueRow>? queueRows = null,
        IReadOnlyList<QueuedKey>? queueRemovals = null, IStateCompanion? companion = null, IReadOnlyList<KeyRow>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(logRows);
        if (kind == StateUnitKind.Write && payload is null)
        {
            throw new ArgumentException("A write unit needs a payload.", nameof(payload));
        }
        if (kind == StateUnitKind.Clear && claims is { Count: > 0 })
        {
            throw new ArgumentException("A clear claims nothing: claims go with the change they apply.", nameof(claims));
        }
        Key = key;
        Kind = kind;
        ExpectedVersion = expectedVersion;
        Payload = payload;
        LogRows = logRows;
        KeyRows = keyRows ?? [];
        Claims = claims ?? [];
        KeyRemovals = keyRemovals ?? [];
        QueueRows = queueRows ?? [];
        QueueRemovals = queueRemovals ?? [];
        Audits = audits ?? [];
        Companion = companion;
        // A queue name becomes a table name, and the PostgreSQL writer would leave out a row of no known queue: refuse
        // it here, where it fails this grain's write alone, rather than lose a message.
        foreach (var queue in QueueRows.Select(r => r.Queue).Concat(QueueRemovals.Select(r => r.Queue)))
        {
            StateQueues.Checked(queue);
        }
        // Their rows carry an id a grain's log row has not (StateLogs.NumberedByTheStore): IStateLogWriter appends them.
        if (LogRows.FirstOrDefault(r => StateLogs.NumberedByTheStore.Contains(r.Log, StringComparer.Ordinal)) is { } numbered)
        {
            throw new ArgumentException($"The store numbers the rows of {numbered.Log}: they are appended once per id (IStateLogWriter.AppendOnceAsync), not in a grain's unit.",
                nameof(logRows));
        }
    }

    public StateRowKey Key { get; }

    public StateUnitKind Kind { get; }

    /// <summary>The version the grain read (its ETag); null when it has never been stored.</summary>
    public int? ExpectedVersion { get; }

    /// <summary>The snapshot as JSON text; null for <see cref="StateUnitKind.Clear"/>.</summary>
    public string? Payload { get; }

    /// <summary>Rows appended to the logs (journal, history) in the same transaction as the snapshot.</summary>
    public IReadOnlyList<LogRow> LogRows { get; }

    /// <summary>Members added to the keyed sets (applied ids) in the same transaction as the snapshot.</summary>
    public IReadOnlyList<KeyRow> KeyRows { get; }

    /// <summary>
    /// Members added to the keyed sets that must be new: if one is there, the unit writes nothing and fails with
    /// <see cref="KeyClaimedException"/> (the rest of its batch commits). Checked after the version.
    /// </summary>
    public IReadOnlyList<KeyRow> Claims { get; }

    /// <summary>Members deleted from the keyed sets (ended waits) in the same transaction, after the additions.</summary>
    public IReadOnlyList<KeyRow> KeyRemovals { get; }

    /// <summary>
    /// Messages added to the queues (a tenant's link outbox) in the same transaction, after the set members, in order:
    /// they take increasing seqs. One whose key is already queued, or already in its queue's sent set, is skipped.
    /// </summary>
    public IReadOnlyList<QueueRow> QueueRows { get; }

    /// <summary>Messages deleted from the queues (the ones the owner sent) in the same transaction, after the additions.</summary>
    public IReadOnlyList<QueuedKey> QueueRemovals { get; }

    /// <summary>
    /// The audit lines of the changes the write stores (<see cref="Network.Domain.Audit.AuditOperation"/>): one per
    /// call, or several when a grain stores the changes of several calls in one write. Written with the snapshot and
    /// only if the snapshot is; each kept once per id.
    /// </summary>
    public IReadOnlyList<AuditRow> Audits { get; }

    /// <summary>A read model's rows, written after the snapshot in the unit's savepoint and only if the snapshot is (SQLite only).</summary>
    public IStateCompanion? Companion { get; }

    /// <summary>Completes with the row's new version once the unit's transaction committed.</summary>
    public Task<int> Committed => _done.Task;

    public override bool IsAnswered => _done.Task.IsCompleted;

    public override string Describe => "the unit for " + Key;

    public void Commit(int version) => _done.TrySetResult(version);

    /// <summary>What a writer found: the row's new version once committed, or null when the version check failed.</summary>
    public void Answer(int? version)
    {
        if (version is { } written)
        {
            Commit(written);
        }
        else
        {
            Conflict();
        }
    }

    /// <summary>The stored version was not the one the grain read: another activation wrote it (or the grain is stale).</summary>
    public void Conflict() => _done.TrySetException(new InconsistentStateException(
        $"Version conflict writing {Key}: the stored state is not version {ExpectedVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} any more."));

    /// <summary>
    /// A writer found one of the unit's claims taken without telling which (PostgreSQL checks them in one statement):
    /// the exception names the first. SQLite names the one it found. A grain that claims several members in one write
    /// (the messages of several calls) learns only that one of them was taken, and tries them one by one.
    /// </summary>
    public void ClaimTaken()
    {
        var claim = Claims.Count > 0 ? Claims[0]
            : throw new InvalidOperationException($"A writer found a claim of {Key} taken, but the unit claims nothing.");
        _done.TrySetException(new KeyClaimedException(claim.Set, claim.Owner, claim.Key));
    }

    public override void Fail(Exception exception) => _done.TrySetException(exception);
}
