using Network.Domain.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// Transaction-scoped advisory locks per owner of a keyed set, which let a read of the set share a transaction with
/// the appends it must follow (<see cref="AppendThenReadUnit"/>). A dispatch keeps an event, then reads the instances
/// waiting in its entries; a wait opening adds its row, then, once committed, reads its entry's kept events. Without
/// the locks the dispatch's read would have to wait for the keep's commit, or a wait could open between the two and
/// miss the event both ways. With them:
/// <list type="bullet">
/// <item>a unit adding members holds each member's owner lock exclusively until it commits;</item>
/// <item>the dispatch holds its owners' locks shared from before its reads, which are statements of their own
/// (PostgreSQL reads committed rows as of each statement's start).</item>
/// </list>
/// So a wait either committed before the dispatch's lock (and its row is in the read), or it waits for the dispatch to
/// commit (and its read of kept events, after its own commit, finds the event). Two dispatches share the lock and never
/// wait on each other; within one writer's batch (one connection) no lock waits at all.
/// </summary>
/// <remarks>
/// Every transaction of a writer takes all the locks its units need in its first statement (<see cref="CommandFor"/>),
/// in one order: by set, then owner, ordinal. A transaction that waits for a lock holds none that comes after it, so
/// the writers of a silo, and of several silos, never wait on each other in a circle. (Two owners whose names hash
/// alike share a lock, and can still close one; PostgreSQL then finds the deadlock after <c>deadlock_timeout</c>, 1 s
/// by default, and fails one batch, whose units the writer tries again one by one.)
/// </remarks>
internal static class PostgresOwnerLocks
{
    /// <summary>The sets whose additions take the lock: the wait index's members.</summary>
    public static IReadOnlyList<string> LockedSets { get; } = [StateKeySets.WaitingInstances];

    /// <summary>Whether adding members to <paramref name="set"/> takes their owners' locks.</summary>
    public static bool Locks(string set) => LockedSets.Contains(set, StringComparer.Ordinal);

    /// <summary>
    /// Takes the locks in $1 (set names), $2 (owners) and $3 (exclusive or shared), in the arrays' order. A lock's key is
    /// the two names' hashes; the set's name keeps the owners of different sets apart.
    /// </summary>
    public const string Text =
        "SELECT CASE WHEN r.x THEN pg_advisory_xact_lock(hashtext(r.s), hashtext(r.o))::text " +
        "ELSE pg_advisory_xact_lock_shared(hashtext(r.s), hashtext(r.o))::text END " +
        "FROM unnest($1::text[], $2::text[], $3::boolean[]) AS r(s, o, x);";

    /// <summary>The locks one unit needs: exclusive for the owners it adds members to, shared for the ones it reads after appends.</summary>
    public static IEnumerable<OwnerLock> Of(WriteUnit unit) => unit switch
    {
        StateUnit state => state.KeyRows.Concat(state.Claims).Where(row => Locks(row.Set)).Select(row => new OwnerLock(row.Set, row.Owner, Exclusive: true)),
        AppendThenReadUnit read => read.LockedOwners.Select(owner => new OwnerLock(read.KeySet, owner, Exclusive: false)),
        _ => [],
    };

    /// <summary>
    /// The statement that takes every lock <paramref name="units"/> need, each once (exclusive where any unit needs it
    /// so), in the one order of all transactions; null when they need none.
    /// </summary>
    public static NpgsqlBatchCommand? CommandFor(IReadOnlyList<WriteUnit> units)
    {
        // Loops rather than a grouping query: every batch of every writer comes through here.
        List<OwnerLock>? wanted = null;
        foreach (var unit in units)
        {
            foreach (var ownerLock in Of(unit))
            {
                (wanted ??= []).Add(ownerLock);
            }
        }
        if (wanted is null)
        {
            return null;
        }
        wanted.Sort(static (a, b) => string.CompareOrdinal(a.Set, b.Set) is var bySet and not 0 ? bySet : string.CompareOrdinal(a.Owner, b.Owner));
        // The same owner's locks are now side by side: one each, exclusive where any of them is.
        var locks = new List<OwnerLock>(wanted.Count);
        foreach (var ownerLock in wanted)
        {
            if (locks.Count > 0 && locks[^1].Set == ownerLock.Set && locks[^1].Owner == ownerLock.Owner)
            {
                locks[^1] = locks[^1] with { Exclusive = locks[^1].Exclusive || ownerLock.Exclusive };
            }
            else
            {
                locks.Add(ownerLock);
            }
        }
        return CommandFor(locks);
    }

    /// <summary>The statement taking <paramref name="locks"/> in the order given.</summary>
    internal static NpgsqlBatchCommand CommandFor(IReadOnlyList<OwnerLock> locks) => new(Text)
    {
        Parameters =
        {
            PostgresArrays.Text(locks, static l => l.Set),
            PostgresArrays.Text(locks, static l => l.Owner),
            PostgresArrays.Boolean(locks, static l => l.Exclusive),
        },
    };
}

/// <summary>An owner's lock in a keyed set, taken exclusively (to add members) or shared (to read them after appends).</summary>
internal readonly record struct OwnerLock(string Set, string Owner, bool Exclusive);
