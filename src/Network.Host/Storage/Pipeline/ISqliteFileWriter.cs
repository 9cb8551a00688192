using Microsoft.Data.Sqlite;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The one connection that writes the SQLite file (the state pipeline's writer). Whatever else writes to the file
/// (the read model's lists) hands it statements, which run in the next batch's transaction, in a savepoint of their
/// own (<see cref="SqliteWorkUnit"/>), so the file never has two writers waiting for each other's lock.
/// </summary>
internal interface ISqliteFileWriter
{
    /// <summary>
    /// Runs <paramref name="work"/> on the writer's connection inside its transaction (begin none, commit none, pass no
    /// transaction to commands) and completes once that transaction committed; fails with the work's own exception,
    /// which rolls back only what the work wrote.
    /// </summary>
    /// <param name="description">What the work writes, for errors.</param>
    Task WriteAsync(string description, Func<SqliteConnection, CancellationToken, Task> work);
}
