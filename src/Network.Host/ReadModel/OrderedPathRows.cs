using System.Data.Common;
using System.Globalization;

namespace Network.Host.ReadModel;

/// <summary>
/// A list row's ordered tenant paths kept in a table of their own, one row per path with its position (a commitment's
/// owners, a campaign's partners), so a list can be filtered by them. A write replaces them all: delete, then insert
/// the new ones in one statement.
/// </summary>
/// <param name="Table">The table, e.g. <c>commitment_owner</c>.</param>
/// <param name="KeyColumn">The column naming the list row, e.g. <c>commitment_key</c>.</param>
/// <param name="PathColumn">The column holding a path, e.g. <c>owner_path</c>; the position is always <c>position</c>.</param>
internal sealed record OrderedPathRows(string Table, string KeyColumn, string PathColumn)
{
    /// <summary>Deletes a list row's paths, the first half of a replacement.</summary>
    internal string DeleteSql => $"DELETE FROM {Table} WHERE {KeyColumn} = @key;";

    public async Task ReplaceAsync(
        DbConnection connection, DbTransaction? transaction, string key, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var delete = ReadModelDialect.Command(connection, transaction, DeleteSql, [new("key", key)]);
        await using (delete.ConfigureAwait(false))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (paths.Count == 0)
        {
            return;
        }

        var parameters = new List<KeyValuePair<string, object>> { new("key", key) };
        var values = new List<string>(paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            values.Add(string.Create(CultureInfo.InvariantCulture, $"(@key, @path{i}, {i})"));
            parameters.Add(new(string.Create(CultureInfo.InvariantCulture, $"path{i}"), paths[i]));
        }
        var insert = ReadModelDialect.Command(connection, transaction,
            $"INSERT INTO {Table} ({KeyColumn}, {PathColumn}, position) VALUES {string.Join(", ", values)};", parameters);
        await using (insert.ConfigureAwait(false))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
