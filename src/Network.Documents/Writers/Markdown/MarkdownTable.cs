using System.Text;
using Network.Documents.Layout;

namespace Network.Documents.Writers.Markdown;

/// <summary>A GFM pipe table: a header row, a delimiter row that right-aligns number columns, one line per row.</summary>
internal static class MarkdownTable
{
    public static string Render(Table table)
    {
        if (table.Columns.Count == 0)
        {
            return "";
        }
        var lines = new List<string>
        {
            Row(table.Columns.Select(c => MarkdownInlineWriter.OneLine(c.Title))),
            Row(table.Columns.Select(c => c.Align == ColumnAlign.Right ? "---:" : "---")),
        };
        foreach (var row in table.Rows)
        {
            lines.Add(Row(TableShape.Cells(table, row).Select(cell => MarkdownInlineWriter.OneLine(cell.Content))));
        }
        return string.Join("\n", lines);
    }

    private static string Row(IEnumerable<string> cells)
    {
        var line = new StringBuilder("|");
        foreach (var cell in cells)
        {
            line.Append(' ').Append(cell).Append(cell.Length > 0 ? " |" : "|");
        }
        return line.ToString();
    }
}
