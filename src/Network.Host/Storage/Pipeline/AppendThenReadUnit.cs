using Network.Domain.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// <see cref="IStateLogWriter.AppendOnceThenReadMembersAsync"/> as one unit of a PostgreSQL writer's batch: the
/// appends, then the reads, in the batch's transaction, under the owners' locks (<see cref="PostgresOwnerLocks"/>),
/// which the batch takes before any unit's statement. It shares the batch's commit and fails alone, as the grains'
/// units do.
/// </summary>
internal sealed class AppendThenReadUnit : WriteUnit
{
    private readonly TaskCompletionSource<AppendedThenRead> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="appends">Checked already (<see cref="OnceAppend.Checked"/>).</param>
    /// <param name="keySet">One of <see cref="PostgresOwnerLocks.LockedSets"/>.</param>
    public AppendThenReadUnit(IReadOnlyList<OnceAppend> appends, string keySet, IReadOnlyList<IReadOnlyCollection<string>> thenRead)
    {
        ArgumentNullException.ThrowIfNull(appends);
        ArgumentNullException.ThrowIfNull(thenRead);
        if (!PostgresOwnerLocks.Locks(keySet))
        {
            throw new ArgumentException($"Adding members to {keySet} takes no owner locks, so its reads cannot share the appends' transaction.", nameof(keySet));
        }
        Appends = appends;
        KeySet = keySet;
        ThenRead = thenRead;
    }

    public IReadOnlyList<OnceAppend> Appends { get; }

    public string KeySet { get; }

    public IReadOnlyList<IReadOnlyCollection<string>> ThenRead { get; }

    /// <summary>Every owner the appends and the reads look at, once each: the owners whose locks the unit takes shared.</summary>
    public IEnumerable<string> LockedOwners => ThenRead.SelectMany(owners => owners).Concat(Appends.Select(a => a.Owner)).Distinct(StringComparer.Ordinal);

    /// <summary>What the batch appended and read, held until it commits (and replaced when the unit is tried again alone).</summary>
    public AppendedThenRead? Read { get; set; }

    /// <summary>Completes once the transaction committed, with what was appended and read.</summary>
    public Task<AppendedThenRead> Committed => _done.Task;

    public override bool IsAnswered => _done.Task.IsCompleted;

    public override string Describe => $"the {Appends.Count} appends then {ThenRead.Count} reads of {KeySet}";

    public void Commit() => _done.TrySetResult(Read ?? throw new InvalidOperationException($"The writer answered {Describe} without running them."));

    public override void Fail(Exception exception) => _done.TrySetException(exception);
}
