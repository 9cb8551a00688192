using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Network.Documents.Layout;

namespace Network.Documents.Writers.Html;

/// <summary>
/// Text and inline content as HTML: every character of the partners' text is encoded, so <c>&lt;script&gt;</c> is shown,
/// never run; only <see cref="Link"/> inlines with an http or https address become anchors.
/// </summary>
internal static class HtmlText
{
    // Every script is allowed through as itself (the page is UTF-8), so French and Spanish stay readable in the
    // source; markup characters, quotes and anything invalid are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Text for an element's content or a quoted attribute value, on one line.</summary>
    public static string Encode(string? text) => Encoder.Encode(PlainText.SingleLine(text));

    /// <summary>
    /// A block's inline content. A line break inside a text becomes <c>&lt;br&gt;</c>, a run of them one, and none is
    /// written at the start or the end of the content.
    /// </summary>
    public static string Inlines(IReadOnlyList<Inline> content)
    {
        var html = new StringBuilder();
        var breakPending = false;
        void Append(string piece)
        {
            if (breakPending && html.Length > 0)
            {
                html.Append("<br>\n");
            }
            breakPending = false;
            html.Append(piece);
        }
        void Runs(string text, string open, string close)
        {
            var lines = PlainText.Clean(text).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    breakPending = true;
                }
                if (lines[i].Length > 0)
                {
                    Append(open + Encoder.Encode(lines[i]) + close);
                }
            }
        }
        foreach (var inline in content)
        {
            switch (inline)
            {
                case Text { Strong: true } text:
                    Runs(text.Value, "<strong>", "</strong>");
                    break;
                case Text text:
                    Runs(text.Value, "", "");
                    break;
                case Link link when WebAddress.IsWeb(link.Href):
                    var (leading, label, trailing) = PlainText.Edges(link.Label);
                    Runs(leading, "", "");
                    Append("<a href=\"" + Encoder.Encode(link.Href.AbsoluteUri) + "\">"
                        + Encoder.Encode(label.Length > 0 ? label.Replace('\n', ' ') : link.Href.AbsoluteUri) + "</a>");
                    Runs(trailing, "", "");
                    break;
                case Link link:
                    Runs(link.Label, "", "");
                    break;
                case StatusTag tag:
                    Append("<span class=\"status status-" + StatusColours.ClassSuffix(tag.Status) + "\">"
                        + Encode(tag.Label) + "</span>");
                    break;
                default:
                    break;
            }
        }
        return html.ToString().Trim();
    }
}
