using System.Text;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Text pieces from several lines joined into one paragraph, remembering which line each character came from
/// so that a problem found inside the paragraph (a date that is not a date) can still name its line.
/// A word broken at a line end ("year-" + "end") is joined without a space and keeps its hyphen: the PDF does not
/// tell a soft break from a real compound, and "year-end" is right far more often than "yearend".
/// </summary>
internal sealed class Paragraph
{
    private readonly int[] starts;
    private readonly int[] lines;

    private Paragraph(string text, int[] starts, int[] lines)
    {
        Text = text;
        this.starts = starts;
        this.lines = lines;
    }

    public static Paragraph Empty { get; } = new(string.Empty, [], []);

    public string Text { get; }

    public bool IsEmpty => Text.Length == 0;

    /// <summary>The line the paragraph starts on, or null when it is empty.</summary>
    public int? FirstLine => lines.Length > 0 ? lines[0] : null;

    /// <summary>The line the character at <paramref name="index"/> came from.</summary>
    public int? LineAt(int index)
    {
        if (lines.Length == 0)
        {
            return null;
        }
        var found = Array.BinarySearch(starts, index);
        var position = found >= 0 ? found : Math.Max(0, ~found - 1);
        return lines[Math.Min(position, lines.Length - 1)];
    }

    public static Paragraph Join(IEnumerable<TextFragment> fragments)
    {
        var builder = new StringBuilder();
        var starts = new List<int>();
        var lines = new List<int>();
        foreach (var fragment in fragments)
        {
            var text = fragment.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }
            if (builder.Length > 0 && !EndsWithBrokenWord(builder, text))
            {
                builder.Append(' ');
            }
            starts.Add(builder.Length);
            lines.Add(fragment.Line);
            builder.Append(text);
        }
        // Repairs "March" + "21%" split over two lines, which a single line could not see.
        var joined = DatePhrases.RepairOrdinals(builder.ToString());
        return new Paragraph(joined, [.. starts], [.. lines]);
    }

    private static bool EndsWithBrokenWord(StringBuilder builder, string next) =>
        builder.Length >= 2 && builder[^1] == '-' && char.IsLetter(builder[^2]) && char.IsLetter(next[0]);
}
