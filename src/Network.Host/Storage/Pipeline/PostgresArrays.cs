using Npgsql;
using NpgsqlTypes;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The array parameters of the state store's statements (the unit's rows go to PostgreSQL as one array per column),
/// each made straight from the rows (into a parameter from <see cref="PostgresParameterPool"/>).
/// </summary>
/// <remarks>
/// Text, bigint and boolean arrays leave their type to Npgsql, which takes text[], bigint[] and boolean[] from string[],
/// long[] and bool[] (found once per CLR type): given <see cref="NpgsqlDbType.Array"/>, Npgsql would spell the array
/// type's name anew each time it binds the parameter, a string per array per statement, about a kilobyte per event in
/// the benchmark. Times keep theirs: Npgsql would choose between timestamp and timestamptz by the values' kind, and the
/// statements cast to timestamptz.
/// </remarks>
internal static class PostgresArrays
{
    public static NpgsqlParameter Text(string?[] values) => PostgresParameterPool.Rent(values);

    public static NpgsqlParameter Text<T>(IReadOnlyList<T> rows, Func<T, string?> column) => Text(Column(rows, column));

    public static NpgsqlParameter Bigint<T>(IReadOnlyList<T> rows, Func<T, long> column) => PostgresParameterPool.Rent(Column(rows, column));

    public static NpgsqlParameter Boolean<T>(IReadOnlyList<T> rows, Func<T, bool> column) => PostgresParameterPool.Rent(Column(rows, column));

    /// <summary>The times as UTC (timestamptz[]).</summary>
    public static NpgsqlParameter Times<T>(IReadOnlyList<T> rows, Func<T, DateTimeOffset> column) =>
        PostgresParameterPool.Rent(Column(rows, row => column(row).UtcDateTime), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);

    private static TValue[] Column<T, TValue>(IReadOnlyList<T> rows, Func<T, TValue> column)
    {
        var values = new TValue[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column(rows[i]);
        }
        return values;
    }
}
