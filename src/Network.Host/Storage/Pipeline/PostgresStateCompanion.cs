using Network.Domain.Storage;
using Npgsql;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// A read model's statements that the PostgreSQL writer runs in a state unit's transaction, after the batch's
/// statements and only if the unit's snapshot was written (<see cref="IStateCompanion"/>): on the writer's connection,
/// inside its open transaction, planned for their values as on the read model's own connections. If they fail, the
/// whole batch is rolled back and its units are tried again one per transaction, so the unit fails alone, its
/// snapshot included.
/// </summary>
internal sealed class PostgresStateCompanion(string description, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> work)
    : IStateCompanion
{
    public string Description { get; } = description;

    public Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> Work { get; } = work;
}
