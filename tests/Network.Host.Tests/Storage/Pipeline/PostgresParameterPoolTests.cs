using Network.Host.Storage.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace Network.Host.Tests.Storage.Pipeline;

/// <summary>
/// The writer's parameters come from a pool and go back with their batch: one given back has left its command and
/// its value, and one taken again is as a new one would be. (The pool is shared by the whole process, so these tests
/// say nothing about which object comes back; the PostgreSQL pipeline tests write through it.)
/// </summary>
public sealed class PostgresParameterPoolTests
{
    private static readonly string[] Keys = ["a", "b"];
    private static readonly string[] Owners = ["x"];
    private static readonly NpgsqlDbType[] InferredForOwners = [NpgsqlDbType.Unknown, NpgsqlDbType.Array | NpgsqlDbType.Text];

    [Fact]
    public void Parameters_given_back_leave_their_command_and_value_and_come_back_as_asked()
    {
        var command = new NpgsqlBatchCommand("SELECT $1, $2, $3");
        var text = PostgresParameterPool.Rent("owner", NpgsqlDbType.Text);
        var array = PostgresParameterPool.Rent(Keys);
        var foreign = new NpgsqlParameter { Value = 3 };
        command.Parameters.Add(text);
        command.Parameters.Add(array);
        command.Parameters.Add(foreign);

        PostgresParameterPool.Return([command]);

        Assert.Empty(command.Parameters);
        Assert.All(new[] { text, array, foreign }, p => Assert.Null(p.Collection));
        Assert.Equal(DBNull.Value, text.Value);
        Assert.Equal(3, foreign.Value);

        var again = new NpgsqlBatchCommand("SELECT $1, $2");
        var version = PostgresParameterPool.Rent(null, NpgsqlDbType.Integer);
        var owners = PostgresParameterPool.Rent(Owners);
        again.Parameters.Add(version);
        again.Parameters.Add(owners);

        Assert.Equal((DBNull.Value, NpgsqlDbType.Integer), (version.Value, version.NpgsqlDbType));
        // No type left over from a last use (Text, say): Npgsql infers text[] from string[], and reports Unknown
        // before any data source loaded its type mappings into this process.
        Assert.Equal(Owners, (string[])owners.Value!);
        Assert.Contains(owners.NpgsqlDbType, InferredForOwners);
        Assert.Same(again.Parameters, owners.Collection);
    }
}
