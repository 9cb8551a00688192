using System.Globalization;
using System.Text;
using Network.Documents.Layout;

namespace Network.Documents.Writers.Html;

/// <summary>
/// A table inside a wrapper that scrolls sideways on a narrow screen; the header row in <c>thead</c>, which browsers
/// repeat at the top of each printed page; columns as wide as their weights say.
/// </summary>
internal static class HtmlTable
{
    public static void Write(StringBuilder html, Table table)
    {
        html.Append("<div class=\"table-wrap\">\n<table>\n<colgroup>");
        foreach (var share in TableShape.Shares(table))
        {
            html.Append(CultureInfo.InvariantCulture, $"<col style=\"width: {share * 100:0.##}%\">");
        }
        html.Append("</colgroup>\n<thead>\n<tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th scope=\"col\"").Append(AlignClass(column)).Append('>')
                .Append(HtmlText.Encode(column.Title)).Append("</th>");
        }
        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            var cells = TableShape.Cells(table, row);
            for (var i = 0; i < cells.Count; i++)
            {
                html.Append("<td").Append(AlignClass(table.Columns[i])).Append('>')
                    .Append(HtmlText.Inlines(cells[i].Content)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</div>\n");
    }

    private static string AlignClass(Column column) => column.Align == ColumnAlign.Right ? " class=\"num\"" : "";
}
