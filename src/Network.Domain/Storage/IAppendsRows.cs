namespace Network.Domain.Storage;

/// <summary>
/// Grain state that adds rows beside itself when it is written: lines appended to a log (<see cref="StateLogs"/>) and
/// keys added to or removed from a set (<see cref="StateKeySets"/>). The storage writes <see cref="PendingLogRows"/>,
/// <see cref="PendingKeyRows"/> and <see cref="PendingKeyRemovals"/> in the same unit as the snapshot (all or nothing) and then calls
/// <see cref="RowsStored"/>; the snapshot itself must not contain them.
/// </summary>
public interface IAppendsRows
{
    /// <summary>Log lines not yet stored, in order.</summary>
    IReadOnlyList<LogRow> PendingLogRows { get; }

    /// <summary>Set members not yet stored.</summary>
    IReadOnlyList<KeyRow> PendingKeyRows { get; }

    /// <summary>Set members to delete in the same unit (matched by set, owner and key; a member not there is no error).</summary>
    IReadOnlyList<KeyRow> PendingKeyRemovals => [];

    /// <summary>The write that held the pending rows committed: forget them.</summary>
    void RowsStored();
}
