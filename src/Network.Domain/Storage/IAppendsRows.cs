namespace Network.Domain.Storage;

/// <summary>
/// Grain state that adds rows beside itself when it is written: lines appended to a log (<see cref="StateLogs"/>) and
/// keys added to or removed from a set (<see cref="StateKeySets"/>), messages added to or taken from a queue
/// (<see cref="StateQueues"/>). The storage writes all the pending rows in the same unit as the snapshot (all or
/// nothing) and then calls <see cref="RowsStored"/>; the snapshot itself must not contain them.
/// </summary>
public interface IAppendsRows
{
    /// <summary>Log lines not yet stored, in order.</summary>
    IReadOnlyList<LogRow> PendingLogRows { get; }

    /// <summary>Set members not yet stored.</summary>
    IReadOnlyList<KeyRow> PendingKeyRows { get; }

    /// <summary>
    /// Set members that must be new: if one is there already, nothing of the write is stored and it fails with
    /// <see cref="KeyClaimedException"/>. A grain claims the id of the event or message it applies, so the write that
    /// applies it is the check that it was not applied before, without a read of the set ahead of it.
    /// </summary>
    IReadOnlyList<KeyRow> PendingClaims => [];

    /// <summary>Set members to delete in the same unit (matched by set, owner and key; a member not there is no error).</summary>
    IReadOnlyList<KeyRow> PendingKeyRemovals => [];

    /// <summary>Messages to queue (one already queued or already sent under its key is skipped).</summary>
    IReadOnlyList<QueueRow> PendingQueueRows => [];

    /// <summary>Messages to delete from their queue, after the additions.</summary>
    IReadOnlyList<QueuedKey> PendingQueueRemovals => [];

    /// <summary>A read model's rows the next write makes in its unit, after the snapshot (see <see cref="IStateCompanion"/>).</summary>
    IStateCompanion? PendingCompanion => null;

    /// <summary>The write that held the pending rows committed: forget them.</summary>
    void RowsStored();
}
