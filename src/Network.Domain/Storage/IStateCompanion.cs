namespace Network.Domain.Storage;

/// <summary>
/// Rows of another table (a read model's list row) that a grain's state write makes in its own unit, after the
/// snapshot and only if the snapshot was written: they commit with the state or not at all, and in the same commit
/// instead of one after it. Made by the read model (only where it and the grain state share one store and one writer:
/// the host, on SQLite or PostgreSQL); the grain hands it on with <see cref="IAppendsRows.PendingCompanion"/>.
/// </summary>
public interface IStateCompanion
{
    /// <summary>What it writes, for errors ("workflow_instance_list rows").</summary>
    string Description { get; }
}
