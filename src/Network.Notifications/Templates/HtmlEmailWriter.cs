using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Network.Notifications.Templates;

/// <summary>
/// The HTML part: one small document that mail clients show as it is. Styles are inline and the layout is a centred
/// table (clients drop style sheets and ignore most CSS layout), nothing is loaded from elsewhere and there is no
/// script. Every text is HTML-encoded; only addresses <see cref="WebLink"/> kept become links.
/// </summary>
internal static class HtmlEmailWriter
{
    // Letters of every script stay themselves (the part is UTF-8), so French and Spanish are readable in the source;
    // markup characters and quotes are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Font = "font-family:Arial,Helvetica,sans-serif;";
    private const string Text = "color:#1f2328;";
    private const string Muted = "color:#57606a;";

    public static string Write(EmailContent content)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(content.Language)).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(content.Subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:0;background-color:#f3f4f6;\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background-color:#f3f4f6;\">\n")
            .Append("<tr><td align=\"center\" style=\"padding:24px 12px;\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:600px;background-color:#ffffff;border:1px solid #d0d7de;border-radius:6px;\">\n")
            .Append("<tr><td style=\"padding:24px 28px;").Append(Font).Append(Text).Append("font-size:15px;line-height:1.5;\">\n");
        html.Append("<h1 style=\"margin:0 0 16px;font-size:19px;line-height:1.3;\">").Append(Encode(content.Subject)).Append("</h1>\n");
        html.Append("<p style=\"margin:0 0 16px;\">").Append(Encode(content.Greeting)).Append("</p>\n");
        foreach (var block in content.Body)
        {
            Block(html, block, content.Colon);
        }
        html.Append("</td></tr>\n")
            .Append("<tr><td style=\"padding:16px 28px;border-top:1px solid #d0d7de;").Append(Font).Append(Muted).Append("font-size:12px;line-height:1.5;\">\n")
            .Append("<p style=\"margin:0;\">").Append(Encode(content.Footer.Sender)).Append("</p>\n");
        if (content.Footer.Unsubscribe is { } unsubscribe)
        {
            html.Append("<p style=\"margin:8px 0 0;\"><a href=\"").Append(Encode(unsubscribe.Address)).Append("\" style=\"").Append(Muted)
                .Append("\">").Append(Encode(unsubscribe.Label)).Append("</a></p>\n");
        }
        html.Append("</td></tr>\n</table>\n</td></tr>\n</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Block(StringBuilder html, EmailBlock block, string colon)
    {
        switch (block)
        {
            case Paragraph paragraph:
                html.Append("<p style=\"margin:0 0 16px;\">").Append(Lines(paragraph.Text)).Append("</p>\n");
                break;
            case LabelledParagraph labelled:
                html.Append("<p style=\"margin:0 0 16px;\"><strong>").Append(Encode(labelled.Label + colon)).Append("</strong> ")
                    .Append(Lines(labelled.Text)).Append("</p>\n");
                break;
            case Quotation quotation:
                html.Append("<p style=\"margin:0 0 4px;\"><strong>").Append(Encode(quotation.Label + colon)).Append("</strong></p>\n")
                    .Append("<blockquote style=\"margin:0 0 16px;padding:8px 12px;border-left:3px solid #d0d7de;background-color:#f6f8fa;\">")
                    .Append(Lines(quotation.Text)).Append("</blockquote>\n");
                break;
            case FactList facts:
                html.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:0 0 16px;border-collapse:collapse;\">\n");
                foreach (var fact in facts.Facts)
                {
                    html.Append("<tr><th scope=\"row\" align=\"left\" style=\"padding:4px 16px 4px 0;vertical-align:top;white-space:nowrap;").Append(Muted)
                        .Append("font-weight:bold;\">").Append(Encode(fact.Label)).Append("</th>")
                        .Append("<td style=\"padding:4px 0;vertical-align:top;\">").Append(Encode(fact.Value)).Append("</td></tr>\n");
                }
                html.Append("</table>\n");
                break;
            case ActionLink link:
                html.Append("<p style=\"margin:0 0 16px;\"><a href=\"").Append(Encode(link.Address))
                    .Append("\" style=\"display:inline-block;padding:10px 18px;background-color:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;\">")
                    .Append(Encode(link.Label)).Append("</a></p>\n");
                break;
            case Section section:
                html.Append("<h2 style=\"margin:24px 0 8px;padding-top:12px;border-top:1px solid #d0d7de;font-size:16px;line-height:1.3;\">")
                    .Append(Encode(section.Heading)).Append("</h2>\n");
                foreach (var inner in section.Blocks)
                {
                    Block(html, inner, colon);
                }
                break;
            default:
                throw new ArgumentException($"No HTML form for {block.GetType().Name}.", nameof(block));
        }
    }

    /// <summary>Encoded text whose line breaks are kept as <c>&lt;br&gt;</c>.</summary>
    private static string Lines(string text) => string.Join("<br>\n", text.Split('\n').Select(Encode));

    private static string Encode(string text) => Encoder.Encode(text);
}
