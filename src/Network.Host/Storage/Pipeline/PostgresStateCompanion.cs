using Network.Domain.Storage;
using Npgsql;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// A read model's rows that the PostgreSQL writer writes with a state unit, only if the unit's snapshot was written
/// (<see cref="IStateCompanion"/>), in one of two forms:
/// <list type="bullet">
/// <item><see cref="Work"/>: statements run after the batch's statements, on the writer's connection inside an open
/// transaction, planned for their values as on the read model's own connections. The batch then takes a transaction
/// of its own (its BEGIN, each statement and its COMMIT are round trips of their own).</item>
/// <item><see cref="Part"/>: one more part of the unit's own statement (a data-modifying <c>WITH</c> part), which
/// changes nothing unless the condition the writer gives it holds. The batch stays one round trip.</item>
/// </list>
/// If they fail, the whole batch is rolled back and its units are tried again one per transaction, so the unit fails
/// alone, its snapshot included.
/// </summary>
internal sealed class PostgresStateCompanion : IStateCompanion
{
    public PostgresStateCompanion(string description, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> work)
    {
        Description = description;
        Work = work;
        Values = [];
    }

    /// <param name="shape">Names the part's text, which is the same for every unit of this shape (the writer keeps one statement text per shape).</param>
    /// <param name="part">
    /// The part's text, given the number of its first parameter (<c>$n</c>, then on in <paramref name="values"/>'
    /// order) and the SQL condition that holds only when the snapshot was written, which it must require.
    /// </param>
    /// <param name="values">Its parameters' values (each with a cast in the text, as a null has no type of its own).</param>
    public PostgresStateCompanion(string description, string shape, Func<int, string, string> part, IReadOnlyList<object?> values)
    {
        Description = description;
        Shape = shape;
        Part = part;
        Values = values;
    }

    public string Description { get; }

    /// <summary>The statements to run after the batch's, in its transaction; null for a companion that is a <see cref="Part"/>.</summary>
    public Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? Work { get; }

    /// <summary>What names <see cref="Part"/>'s text; null for a companion that is <see cref="Work"/>.</summary>
    public string? Shape { get; }

    /// <summary>The part of the unit's statement; null for a companion that is <see cref="Work"/>.</summary>
    public Func<int, string, string>? Part { get; }

    public IReadOnlyList<object?> Values { get; }
}
