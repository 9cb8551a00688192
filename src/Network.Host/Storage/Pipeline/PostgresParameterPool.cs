using Npgsql;
using NpgsqlTypes;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The parameter objects of the PostgreSQL writer's statements, used again from batch to batch: a unit's statement
/// has some thirty parameters, and making them new for every unit was the largest single part of what the host
/// allocates per event (about 4 KB of 65 in the benchmark), so of how often the collector pauses it.
/// </summary>
/// <remarks>
/// A parameter is taken with its type and value set anew (Npgsql binds it again, as it would a new one) and comes back
/// only once the batch that used it has been read to the end: a batch that failed keeps its parameters, which the
/// collector takes, so nothing Npgsql could still be sending is ever changed. One that comes back lets go of its value
/// (a parameter kept in the pool outlives many collections, and its value should not). At most
/// <see cref="MaxKept"/> are kept.
/// </remarks>
internal static class PostgresParameterPool
{
    /// <summary>Enough for the writers' batches in flight at once (a few writers, batches of up to a few hundred units' statements).</summary>
    public const int MaxKept = 16_384;

    private static readonly System.Collections.Concurrent.ConcurrentBag<PooledParameter> Free = [];
    private static int _kept;

    /// <summary>A parameter of the given type (null: Npgsql infers it from the value's CLR type) and value (null: SQL NULL).</summary>
    public static NpgsqlParameter Rent(object? value, NpgsqlDbType? type = null)
    {
        PooledParameter parameter;
        if (Free.TryTake(out var kept))
        {
            Interlocked.Decrement(ref _kept);
            parameter = kept;
        }
        else
        {
            parameter = new PooledParameter();
        }
        if (type is { } given)
        {
            parameter.NpgsqlDbType = given;
        }
        else
        {
            parameter.ResetDbType();
        }
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }

    /// <summary>Takes back the pooled parameters of commands whose batch was read to the end, and empties their collections.</summary>
    public static void Return(IEnumerable<NpgsqlBatchCommand> commands)
    {
        foreach (var command in commands)
        {
            Return(command.Parameters);
        }
    }

    /// <summary>Takes back the pooled parameters of a collection whose command was read to the end, and empties it.</summary>
    public static void Return(NpgsqlParameterCollection parameters)
    {
        var pooled = Scratch ??= [];
        foreach (var parameter in parameters)
        {
            if (parameter is PooledParameter mine)
            {
                pooled.Add(mine);
            }
        }
        // A parameter belongs to one collection at a time: this frees them for the next.
        parameters.Clear();
        foreach (var parameter in pooled)
        {
            parameter.Value = DBNull.Value;
            if (Interlocked.Increment(ref _kept) > MaxKept)
            {
                Interlocked.Decrement(ref _kept);
                break;
            }
            Free.Add(parameter);
        }
        pooled.Clear();
    }

    // The parameters being taken back, per thread (no list made per command).
    [ThreadStatic]
    private static List<PooledParameter>? Scratch;

    /// <summary>Marks the parameters that came from the pool, the only ones it takes back.</summary>
    private sealed class PooledParameter : NpgsqlParameter;
}
