using System.Globalization;
using System.Text;
using Network.Documents.Layout;

namespace Network.Documents.Writers.Html;

/// <summary>
/// Writes a report as one self-contained, printable HTML page: its style sheet is inside it, it loads nothing from
/// anywhere, and the same document always gives the same bytes (UTF-8 without a byte order mark, <c>\n</c> endings).
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Defence in depth: were anything ever to slip past the encoding, the page still could not run a script or
    // fetch anything; only the style sheet inside it (and the widths on its columns) applies.
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    public string Format => "html";

    public string MediaType => "text/html";

    public string Extension => "html";

    public void Write(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Utf8.GetBytes(Render(document)));
    }

    internal static string Render(ReportDocument document)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n")
            .Append("<html lang=\"").Append(HtmlText.Encode(document.Language)).Append("\">\n")
            .Append("<head>\n")
            .Append("<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Policy).Append("\">\n")
            .Append("<title>").Append(HtmlText.Encode(document.Title)).Append("</title>\n")
            .Append("<style>\n").Append(HtmlStyleSheet.Text).Append("\n</style>\n")
            .Append("</head>\n")
            .Append("<body>\n")
            .Append("<main>\n")
            .Append("<header>\n")
            .Append("<h1>").Append(HtmlText.Encode(document.Title)).Append("</h1>\n");
        var subtitle = HtmlText.Inlines([new Text(document.Subtitle ?? "")]);
        if (subtitle.Length > 0)
        {
            html.Append("<p class=\"subtitle\">").Append(subtitle).Append("</p>\n");
        }
        html.Append("</header>\n");
        foreach (var block in document.Blocks)
        {
            Block(html, block);
        }
        return html.Append("</main>\n</body>\n</html>\n").ToString();
    }

    private static void Block(StringBuilder html, Block block)
    {
        switch (block)
        {
            case Heading heading:
                var text = HtmlText.Encode(heading.Text);
                if (text.Length > 0)
                {
                    var level = Math.Clamp(heading.Level, 1, 3) + 1;
                    html.Append(CultureInfo.InvariantCulture, $"<h{level}>{text}</h{level}>\n");
                }
                break;
            case Paragraph paragraph:
                var content = HtmlText.Inlines(paragraph.Content);
                if (content.Length > 0)
                {
                    html.Append("<p>").Append(content).Append("</p>\n");
                }
                break;
            case FieldList fields when fields.Fields.Count > 0:
                html.Append("<dl class=\"fields\">\n");
                foreach (var field in fields.Fields)
                {
                    html.Append("<div><dt>").Append(HtmlText.Encode(field.Label)).Append("</dt><dd>")
                        .Append(HtmlText.Inlines(field.Value)).Append("</dd></div>\n");
                }
                html.Append("</dl>\n");
                break;
            case BulletList list when list.Items.Count > 0:
                html.Append("<ul>\n");
                foreach (var item in list.Items)
                {
                    html.Append("<li>").Append(HtmlText.Inlines(item)).Append("</li>\n");
                }
                html.Append("</ul>\n");
                break;
            case Table table when table.Columns.Count > 0:
                HtmlTable.Write(html, table);
                break;
            case PageBreak:
                // A rule on screen; on paper, where the next page begins (the style sheet says how).
                html.Append("<hr class=\"page-break\">\n");
                break;
            default:
                break;
        }
    }
}
