using Microsoft.Data.Sqlite;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// Writes to the SQLite file that are not grain state (the read model's lists), run by the state writer on its own
/// connection inside the batch's transaction, in a savepoint of their own: SQLite has one write lock per file, and a
/// second writing connection would wait for it in SQLite's busy handler (1, 2, 5, 10… ms sleeps) at every collision
/// with the state writer's batches. Queued with the grains' units, they share their commit (one fsync) as well.
/// </summary>
/// <remarks>
/// The work runs inside the writer's transaction: it must not begin or commit one of its own, and it passes no
/// transaction object to its commands (the transaction is the writer's, begun as SQL). If it throws, its savepoint
/// is rolled back and it alone fails with that exception; the rest of the batch commits.
/// </remarks>
internal sealed class SqliteWorkUnit : WriteUnit
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SqliteWorkUnit(string description, Func<SqliteConnection, CancellationToken, Task> work)
    {
        ArgumentException.ThrowIfNullOrEmpty(description);
        ArgumentNullException.ThrowIfNull(work);
        Description = description;
        Work = work;
    }

    /// <summary>What the work writes, for errors ("workflow_instance_list rows").</summary>
    public string Description { get; }

    public Func<SqliteConnection, CancellationToken, Task> Work { get; }

    /// <summary>Completes once the transaction that ran the work committed.</summary>
    public Task Committed => _done.Task;

    public override bool IsAnswered => _done.Task.IsCompleted;

    public override string Describe => Description;

    public void Commit() => _done.TrySetResult();

    public override void Fail(Exception exception) => _done.TrySetException(exception);
}
