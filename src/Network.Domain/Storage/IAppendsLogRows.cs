namespace Network.Domain.Storage;

/// <summary>
/// Grain state that appends rows to a log (<see cref="StateLogs"/>) when it is written. The storage writes
/// <see cref="PendingLogRows"/> in the same unit as the snapshot (both or neither) and then calls
/// <see cref="LogRowsStored"/>; the snapshot itself must not contain the rows.
/// </summary>
public interface IAppendsLogRows
{
    /// <summary>Rows not yet stored, in order.</summary>
    IReadOnlyList<LogRow> PendingLogRows { get; }

    /// <summary>The write that held <see cref="PendingLogRows"/> committed: forget them.</summary>
    void LogRowsStored();
}
