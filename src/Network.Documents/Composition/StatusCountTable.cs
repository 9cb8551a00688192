using Network.Documents.Labels;
using Network.Documents.Layout;
using Network.Domain.Commitments;
using Network.Domain.Reporting;

namespace Network.Documents.Composition;

/// <summary>A table of commitments counted by status: one row per group (period, session), a total row, a column per status.</summary>
internal static class StatusCountTable
{
    public static Table For(ReportLabels labels, string groupTitle, IReadOnlyList<(string Group, StatusCounts Counts)> rows, StatusCounts total)
    {
        var columns = new List<Column> { new(groupTitle, 3), new(labels["Total"], 1, ColumnAlign.Right) };
        columns.AddRange(CommitmentStatuses.All.Select(s => new Column(labels.Status(s), 1, ColumnAlign.Right)));
        var cells = rows.Select(r => (IReadOnlyList<Cell>)Row(labels, new Text(r.Group), r.Counts)).ToList();
        cells.Add(Row(labels, new Text(labels["Total"], Strong: true), total));
        return new Table(columns, cells);
    }

    private static List<Cell> Row(ReportLabels labels, Inline group, StatusCounts counts)
    {
        var row = new List<Cell> { Cell.Of(group), Cell.Of(labels.Number(counts.Total)) };
        row.AddRange(CommitmentStatuses.All.Select(s => Cell.Of(labels.Number(counts[s]))));
        return row;
    }
}
