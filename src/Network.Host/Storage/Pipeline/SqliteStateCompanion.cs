using Microsoft.Data.Sqlite;
using Network.Domain.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// A read model's statements that the SQLite writer runs in a state unit's savepoint, after its snapshot and only if
/// the snapshot was written (<see cref="IStateCompanion"/>): on the writer's connection, inside the open transaction.
/// If they fail, the unit fails whole, its snapshot included, and the rest of the batch commits.
/// </summary>
internal sealed class SqliteStateCompanion(string description, Func<SqliteConnection, CancellationToken, Task> work) : IStateCompanion
{
    public string Description { get; } = description;

    public Func<SqliteConnection, CancellationToken, Task> Work { get; } = work;
}
