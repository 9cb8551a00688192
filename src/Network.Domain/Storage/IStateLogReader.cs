namespace Network.Domain.Storage;

/// <summary>Reads the append-only logs (a page at a time), keyed sets and queues grains write beside their state.</summary>
public interface IStateLogReader
{
    /// <summary>Whether <paramref name="key"/> is a member of the owner's <paramref name="keySet"/> (members older than <see cref="StateKeySets.Retention"/> may be gone).</summary>
    Task<bool> ContainsAsync(string keySet, string owner, string key, CancellationToken cancellationToken = default);

    /// <summary>Every member of the owner's <paramref name="keySet"/>, in ordinal order.</summary>
    Task<IReadOnlyList<string>> MembersAsync(string keySet, string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every member of any of the <paramref name="owners"/>' <paramref name="keySet"/>s, once each, in ordinal order: the
    /// instances waiting in the entries an event may resume, in one read where the store can (this default asks each).
    /// </summary>
    async Task<IReadOnlyList<string>> MembersOfAnyAsync(string keySet, IReadOnlyCollection<string> owners, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var members = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            members.UnionWith(await MembersAsync(keySet, owner, cancellationToken).ConfigureAwait(false));
        }
        return [.. members];
    }

    /// <summary>The owner's rows of <paramref name="log"/> with a sequence number above <paramref name="afterSeq"/>, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LogRow>> ReadAsync(string log, string owner, long afterSeq, int limit, CancellationToken cancellationToken = default);

    /// <summary>The owner's last <paramref name="limit"/> rows of <paramref name="log"/> (the highest sequence numbers), in order.</summary>
    Task<IReadOnlyList<LogRow>> ReadLastAsync(string log, string owner, int limit, CancellationToken cancellationToken = default);

    /// <summary>The first <paramref name="limit"/> messages waiting in the owner's <paramref name="queue"/>, oldest first (by <see cref="QueueRow.Seq"/>).</summary>
    Task<IReadOnlyList<QueueRow>> QueuedAsync(string queue, string owner, int limit, CancellationToken cancellationToken = default);
}
