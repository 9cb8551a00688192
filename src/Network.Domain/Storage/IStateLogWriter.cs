namespace Network.Domain.Storage;

/// <summary>
/// Appends to an owner's log where no grain's state numbers the rows: the events a wait-index entry keeps for waits
/// that do not exist yet (<see cref="StateLogs.KeptEvents"/>), which any dispatch keeps, so that keeping an event
/// activates no entry grain (an activation, a read of its state, a state row written, its directory entry held).
/// </summary>
public interface IStateLogWriter
{
    /// <summary>
    /// In one commit, shared with other writes (group commit): adds the append's id to its keyed set and, only if the
    /// id was not there, appends its entry to the owner's log, numbered after the owner's last row (one of
    /// <see cref="StateLogs.NumberedByTheStore"/>). Returns once committed: true when appended, false when the id was
    /// there already (nothing changed).
    /// </summary>
    Task<bool> AppendOnceAsync(OnceAppend append);
}

/// <summary>
/// One entry for <see cref="IStateLogWriter.AppendOnceAsync"/>: <paramref name="EntryJson"/> goes to the owner's
/// <paramref name="Log"/> once per <paramref name="Id"/> (remembered in <paramref name="IdSet"/>); both rows carry
/// <paramref name="At"/>, the time their expiry counts from.
/// </summary>
public sealed record OnceAppend(string Log, string IdSet, string Owner, string Id, DateTimeOffset At, string EntryJson)
{
    /// <summary>The same append with its log and set names checked (they become table names).</summary>
    /// <exception cref="ArgumentException">The log is not one the store numbers (<see cref="StateLogs.NumberedByTheStore"/>), or the set is unknown.</exception>
    public OnceAppend Checked() => StateLogs.NumberedByTheStore.Contains(Log, StringComparer.Ordinal)
        ? this with { IdSet = StateKeySets.Checked(IdSet) }
        : throw new ArgumentException($"'{Log}' is not a log the store numbers ({string.Join(", ", StateLogs.NumberedByTheStore)}).", nameof(Log));
}
