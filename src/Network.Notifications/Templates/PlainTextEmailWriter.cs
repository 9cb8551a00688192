using System.Text;

namespace Network.Notifications.Templates;

/// <summary>
/// The plain-text part: paragraphs wrapped at 72 columns, a blank line between blocks, each link on a line of its own
/// after its label, and the footer after the usual "-- " signature line (mail clients grey it out).
/// </summary>
internal static class PlainTextEmailWriter
{
    public static string Write(EmailContent content)
    {
        var text = new StringBuilder();
        Lines(text, TextWrap.Lines(content.Greeting));
        foreach (var block in content.Body)
        {
            text.Append('\n');
            Block(text, block, content.Colon);
        }
        text.Append("\n-- \n");
        Lines(text, TextWrap.Lines(content.Footer.Sender));
        if (content.Footer.Unsubscribe is { } unsubscribe)
        {
            Link(text, unsubscribe, content.Colon);
        }
        return text.ToString();
    }

    private static void Block(StringBuilder text, EmailBlock block, string colon)
    {
        switch (block)
        {
            case Paragraph paragraph:
                Lines(text, TextWrap.Lines(paragraph.Text));
                break;
            case LabelledParagraph labelled:
                Lines(text, TextWrap.Lines(labelled.Label + colon + " " + labelled.Text));
                break;
            case Quotation quotation:
                text.Append(quotation.Label).Append(colon).Append('\n');
                Lines(text, TextWrap.Lines(quotation.Text, "> ", "> "));
                break;
            case FactList facts:
                foreach (var fact in facts.Facts)
                {
                    // Continuation lines are indented, so a long commitment text still reads as one value.
                    Lines(text, TextWrap.Lines(fact.Label + colon + " " + fact.Value, "", "    "));
                }
                break;
            case ActionLink link:
                Link(text, link, colon);
                break;
            case Section section:
                text.Append(section.Heading).Append('\n').Append(new string('-', Math.Min(section.Heading.Length, TextWrap.Width))).Append('\n');
                for (var i = 0; i < section.Blocks.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append('\n');
                    }
                    Block(text, section.Blocks[i], colon);
                }
                break;
            default:
                throw new ArgumentException($"No plain-text form for {block.GetType().Name}.", nameof(block));
        }
    }

    private static void Link(StringBuilder text, ActionLink link, string colon) =>
        text.Append(link.Label).Append(colon).Append('\n').Append(link.Address).Append('\n');

    private static void Lines(StringBuilder text, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }
    }
}
