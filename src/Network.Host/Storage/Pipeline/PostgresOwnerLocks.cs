using Network.Domain.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// Transaction-scoped advisory locks per owner of a keyed set, which let a read of the set share a transaction with
/// the appends it must follow (<see cref="AppendThenReadUnit"/>). A dispatch keeps an event, then reads the instances
/// waiting in its entries; a wait opening adds its row, then, once committed, reads its entry's kept events. Without
/// the locks the dispatch's read would have to wait for the keep's commit, or a wait could open between the two and
/// miss the event both ways. With them:
/// <list type="bullet">
/// <item>a unit adding members takes each member's owner lock exclusively (in its statement, so until it commits);</item>
/// <item>the dispatch takes its owners' locks shared, after its appends and before its reads, in a statement of its own
/// (PostgreSQL reads committed rows as of each statement's start).</item>
/// </list>
/// So a wait either committed before the dispatch's lock (and its row is in the read), or it waits for the dispatch to
/// commit (and its read of kept events, after its own commit, finds the event). Two dispatches share the lock and never
/// wait on each other; within one writer's batch (one connection) no lock waits at all.
/// </summary>
/// <remarks>
/// Each statement takes its locks in ordinal order of owner. Batches of two writers or two silos can still take them in
/// opposite orders across units; PostgreSQL then finds the deadlock (after <c>deadlock_timeout</c>, 1 s by default) and
/// fails one batch, whose units the writer tries again one by one.
/// </remarks>
internal static class PostgresOwnerLocks
{
    /// <summary>The sets whose additions take the lock: the wait index's members.</summary>
    public static IReadOnlyList<string> LockedSets { get; } = [StateKeySets.WaitingInstances];

    /// <summary>Whether adding members to <paramref name="set"/> takes their owners' locks.</summary>
    public static bool Locks(string set) => LockedSets.Contains(set, StringComparer.Ordinal);

    /// <summary>
    /// A condition taking <paramref name="ownerColumn"/>'s lock for <paramref name="set"/> exclusively (always true):
    /// one per row, for the row filter of the insert that adds the members.
    /// </summary>
    public static string ExclusiveCondition(string set, string ownerColumn) =>
        $"pg_advisory_xact_lock(hashtext('{StateKeySets.Checked(set)}'), hashtext({ownerColumn})) IS NOT NULL";

    /// <summary>Takes the locks of the owners in $1 (a text array, in ordinal order) shared, in the array's order.</summary>
    public static string SharedText(string set) =>
        $"SELECT pg_advisory_xact_lock_shared(hashtext('{StateKeySets.Checked(set)}'), hashtext(o)) FROM unnest($1::text[]) AS u(o);";
}
