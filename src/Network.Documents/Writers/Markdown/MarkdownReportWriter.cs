using System.Text;
using Network.Documents.Layout;

namespace Network.Documents.Writers.Markdown;

/// <summary>
/// Writes a report as CommonMark with GFM tables, for mailing lists and wikis: the same document always gives the
/// same bytes (UTF-8 without a byte order mark, <c>\n</c> line endings, one blank line between blocks, one newline at
/// the end), so the output can be kept as a golden file and diffed.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Format => "md";

    public string MediaType => "text/markdown";

    public string Extension => "md";

    public void Write(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Utf8.GetBytes(Render(document)));
    }

    internal static string Render(ReportDocument document)
    {
        var blocks = new List<string> { ("# " + MarkdownInlineWriter.OneLine(document.Title)).TrimEnd() };
        var subtitle = MarkdownInlineWriter.AfterText([new Text(document.Subtitle ?? "")], "");
        if (subtitle.Length > 0)
        {
            blocks.Add("*" + subtitle + "*");
        }
        // Two lists one after the other would be read as one list: the second one takes the other bullet.
        string? previousBullet = null;
        foreach (var block in document.Blocks)
        {
            var bullet = previousBullet == "-" ? "*" : "-";
            var text = block switch
            {
                Heading heading => HeadingBlock(heading),
                Paragraph paragraph => MarkdownInlineWriter.Block(paragraph.Content),
                FieldList fields => FieldBlock(fields, bullet),
                BulletList list => ListBlock(list, bullet),
                Table table => MarkdownTable.Render(table),
                // A page break means nothing on a screen: the blank line between blocks is all there is.
                _ => "",
            };
            if (text.Length > 0)
            {
                blocks.Add(text);
                previousBullet = block is FieldList or BulletList ? bullet : null;
            }
        }
        return string.Join("\n\n", blocks) + "\n";
    }

    private static string HeadingBlock(Heading heading)
    {
        var text = MarkdownInlineWriter.OneLine(heading.Text);
        return text.Length == 0 ? "" : new string('#', Math.Clamp(heading.Level, 1, 3) + 1) + " " + text;
    }

    private static string FieldBlock(FieldList fields, string bullet) => string.Join("\n", fields.Fields.Select(field =>
    {
        var label = MarkdownInlineWriter.OneLine(field.Label);
        if (label.Length == 0)
        {
            return (bullet + " " + MarkdownInlineWriter.Block(field.Value, "  ")).TrimEnd();
        }
        return (bullet + " **" + label + ":** " + MarkdownInlineWriter.AfterText(field.Value, "  ")).TrimEnd();
    }));

    private static string ListBlock(BulletList list, string bullet) => string.Join("\n", list.Items.Select(item =>
        (bullet + " " + MarkdownInlineWriter.Block(item, "  ")).TrimEnd()));
}
