using Network.Documents.Layout;

namespace Network.Documents.Writers;

/// <summary>
/// The rule every writer applies to a row that does not have one cell per column, so that no format shows a
/// different table: a short row is padded with empty cells, and cells beyond the last column are not shown.
/// </summary>
internal static class TableShape
{
    private static readonly Cell Empty = new([]);

    public static IReadOnlyList<Cell> Cells(Table table, IReadOnlyList<Cell> row)
    {
        if (row.Count == table.Columns.Count)
        {
            return row;
        }
        var cells = new Cell[table.Columns.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = i < row.Count ? row[i] : Empty;
        }
        return cells;
    }

    /// <summary>Each column's share of the width (summing to 1); a weight that is not a positive number counts as 1.</summary>
    public static double[] Shares(Table table)
    {
        var weights = table.Columns.Select(c => double.IsFinite(c.Weight) && c.Weight > 0 ? c.Weight : 1).ToArray();
        var total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }
}
