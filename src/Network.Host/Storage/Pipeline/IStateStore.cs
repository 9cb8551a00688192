namespace Network.Host.Storage.Pipeline;

/// <summary>A grain's state row as read: its snapshot (null once cleared) and its version (the grain's ETag).</summary>
internal sealed record StoredState(string? Payload, int Version);

/// <summary>
/// Where grain state lives: read one row, commit one unit. Commits are grouped (many grains' units per transaction)
/// by the implementation; a unit's task completes only once its transaction committed.
/// </summary>
internal interface IStateStore : IAsyncDisposable
{
    /// <summary>The row, or null when the grain was never stored.</summary>
    Task<StoredState?> ReadAsync(StateRowKey key, CancellationToken cancellationToken);

    /// <summary>Queues the unit and completes with the row's new version once it committed.</summary>
    /// <exception cref="Orleans.Storage.InconsistentStateException">The stored version was not the unit's expected one.</exception>
    Task<int> CommitAsync(StateUnit unit);
}
