using Network.Documents.Labels;
using Network.Documents.Layout;
using Network.Domain.Commitments;
using Network.Domain.Reporting;

namespace Network.Documents.Composition;

/// <summary>
/// Commitments counted by status, the groups (periods, sessions) side by side: a row per status and a total row, a
/// column per group and a total column. Statuses run down the side because their names are long single words that a
/// printed page cannot fit as seven column titles; groups go in tables of <see cref="GroupsPerTable"/> so a network
/// with many sessions still prints, the total column in the last.
/// </summary>
internal static class StatusCountTable
{
    public const int GroupsPerTable = 5;

    public static IEnumerable<Table> For(ReportLabels labels, IReadOnlyList<(string Group, StatusCounts Counts)> groups, StatusCounts total)
    {
        var chunks = groups.Chunk(GroupsPerTable).ToList();
        if (chunks.Count == 0)
        {
            chunks.Add([]);
        }
        for (var i = 0; i < chunks.Count; i++)
        {
            var last = i == chunks.Count - 1;
            var columns = new List<Column> { new(labels["Status"], 1.6) };
            columns.AddRange(chunks[i].Select(g => new Column(g.Group, 1, ColumnAlign.Right)));
            var counts = chunks[i].Select(g => g.Counts).ToList();
            if (last)
            {
                columns.Add(new Column(labels["Total"], 1, ColumnAlign.Right));
                counts.Add(total);
            }
            var rows = CommitmentStatuses.All
                .Select(status => Row(CommitmentFields.Status(labels, status), counts.Select(c => c[status]), labels))
                .Append(Row(new Text(labels["Total"], Strong: true), counts.Select(c => c.Total), labels))
                .ToList();
            yield return new Table(columns, rows);
        }
    }

    private static IReadOnlyList<Cell> Row(Inline label, IEnumerable<int> values, ReportLabels labels) =>
        [Cell.Of(label), .. values.Select(v => Cell.Of(labels.Number(v)))];
}
