namespace Network.Host.Storage.Pipeline;

/// <summary>
/// What a <see cref="StateWriteQueue{TUnit}"/> commits in a batch: a grain's state unit (<see cref="StateUnit"/>), a log
/// row no grain numbers (<see cref="LogAppendUnit"/>), or on SQLite another table's statements run on the state
/// writer's own connection (<see cref="SqliteWorkUnit"/>). The writer answers each: committed, or failed alone.
/// </summary>
internal abstract class WriteUnit
{
    public abstract bool IsAnswered { get; }

    /// <summary>Names the unit in an error (e.g. "the unit for network/state/…").</summary>
    public abstract string Describe { get; }

    public abstract void Fail(Exception exception);
}
