namespace Network.Domain.Storage;

/// <summary>
/// Appends to an owner's log where no grain's state numbers the rows: the events a wait-index entry keeps for waits
/// that do not exist yet (<see cref="StateLogs.KeptEvents"/>), which any dispatch keeps, so that keeping an event
/// activates no entry grain (an activation, a read of its state, a state row written, its directory entry held).
/// </summary>
public interface IStateLogWriter
{
    /// <summary>
    /// In one commit, shared with other writes (group commit): appends the entry to the owner's log, numbered after
    /// the owner's last row (one of <see cref="StateLogs.NumberedByTheStore"/>), unless a row of the owner has its id
    /// already. Returns once committed: true when appended, false when the id was there (nothing changed).
    /// </summary>
    Task<bool> AppendOnceAsync(OnceAppend append);

    /// <summary>
    /// Appends each of <paramref name="appends"/> as <see cref="AppendOnceAsync"/> does; then reads the members of each
    /// owner set in <paramref name="thenRead"/> as <see cref="IStateLogReader.MembersOfAnyAsync"/> does, seeing every
    /// member whose addition committed before the appends could be seen. Where a member is added meanwhile, either this
    /// read sees it or the appends commit before it does. SQLite and the domain tests' store read once the appends are
    /// committed (<see cref="AppendedThenRead.OneAfterTheOtherAsync"/>); PostgreSQL reads in the appends' own
    /// transaction, under the owners' locks (the host's <c>PostgresOwnerLocks</c>).
    /// </summary>
    /// <returns>Per append whether it was appended now; per owner set its members, once each, in ordinal order.</returns>
    Task<AppendedThenRead> AppendOnceThenReadMembersAsync(IReadOnlyList<OnceAppend> appends, string keySet, IReadOnlyList<IReadOnlyCollection<string>> thenRead);
}

/// <summary>What <see cref="IStateLogWriter.AppendOnceThenReadMembersAsync"/> did and read, in the order it was given them.</summary>
public sealed record AppendedThenRead(IReadOnlyList<bool> Appended, IReadOnlyList<IReadOnlyList<string>> Members)
{
    /// <summary>
    /// <see cref="IStateLogWriter.AppendOnceThenReadMembersAsync"/> as two steps: every append at once (the writer
    /// commits them together), then, once committed, the reads.
    /// </summary>
    public static async Task<AppendedThenRead> OneAfterTheOtherAsync(IStateLogWriter writer, IStateLogReader reader,
        IReadOnlyList<OnceAppend> appends, string keySet, IReadOnlyList<IReadOnlyCollection<string>> thenRead)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(appends);
        ArgumentNullException.ThrowIfNull(thenRead);
        // The set and every append checked before any is written: bad input fails the call and changes nothing.
        _ = StateKeySets.Checked(keySet);
        var checkedAppends = appends.Select(append => append.Checked()).ToList();
        var appended = await Task.WhenAll(checkedAppends.Select(writer.AppendOnceAsync)).ConfigureAwait(false);
        var members = new List<IReadOnlyList<string>>(thenRead.Count);
        foreach (var owners in thenRead)
        {
            members.Add(await reader.MembersOfAnyAsync(keySet, owners).ConfigureAwait(false));
        }
        return new AppendedThenRead(appended, members);
    }
}

/// <summary>
/// One entry for <see cref="IStateLogWriter.AppendOnceAsync"/>: <paramref name="EntryJson"/> goes to the owner's
/// <paramref name="Log"/> once per <paramref name="Id"/> (the row carries the id, unique per owner); the row carries
/// <paramref name="At"/>, the time its expiry counts from.
/// </summary>
public sealed record OnceAppend(string Log, string Owner, string Id, DateTimeOffset At, string EntryJson)
{
    /// <summary>The same append, its log's name checked (it becomes a table name).</summary>
    /// <exception cref="ArgumentException">The log is not one the store numbers (<see cref="StateLogs.NumberedByTheStore"/>).</exception>
    public OnceAppend Checked() => StateLogs.NumberedByTheStore.Contains(Log, StringComparer.Ordinal)
        ? this
        : throw new ArgumentException($"'{Log}' is not a log the store numbers ({string.Join(", ", StateLogs.NumberedByTheStore)}).", nameof(Log));
}
