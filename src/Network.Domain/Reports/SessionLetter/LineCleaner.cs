using System.Text;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Splits the text into lines (LF, CRLF, CR alike) and cleans each one: tabs, form feeds and odd spaces become
/// one space, invisible characters go, curly quotes become straight ones (so "GFMD’s" and "GFMD's" read the same),
/// and the PDF's "21%" for a superscript "21st" next to a month is repaired.
/// Line numbers are kept as the user's editor counts them; form feeds only start a new page.
/// </summary>
internal static class LineCleaner
{
    public static IReadOnlyList<ReportLine> Split(string text)
    {
        var lines = new List<ReportLine>();
        var page = 0;
        var start = 0;
        var number = 1;
        for (var i = 0; i <= text.Length; i++)
        {
            var atEnd = i == text.Length;
            if (!atEnd && !IsLineBreak(text[i]))
            {
                continue;
            }

            var raw = text.AsSpan(start, i - start);
            var (leading, trailing) = CountFormFeeds(raw);
            page += leading;
            lines.Add(new ReportLine(number, Clean(raw), page));
            page += trailing;

            if (!atEnd && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }
            start = i + 1;
            number++;
        }
        return lines;
    }

    /// <summary>Cleans one line (also used for text that did not come from <see cref="Split"/>).</summary>
    public static string Clean(ReadOnlySpan<char> raw)
    {
        var builder = new StringBuilder(raw.Length);
        var pendingSpace = false;
        foreach (var c in raw)
        {
            var mapped = Map(c);
            if (mapped == '\0')
            {
                continue;
            }
            if (mapped == ' ')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(mapped);
        }
        return DatePhrases.RepairOrdinals(builder.ToString());
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    // '\0' drops the character, ' ' is whitespace to collapse.
    private static char Map(char c) => c switch
    {
        '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => '\0',
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' => '"',
        '\u2010' or '\u2011' => '-',
        _ when char.IsWhiteSpace(c) || char.IsControl(c) => ' ',
        _ => c,
    };

    private static (int Leading, int Trailing) CountFormFeeds(ReadOnlySpan<char> raw)
    {
        int leading = 0, trailing = 0;
        var seenText = false;
        foreach (var c in raw)
        {
            if (c == '\f')
            {
                if (seenText)
                {
                    trailing++;
                }
                else
                {
                    leading++;
                }
            }
            else if (!char.IsWhiteSpace(c))
            {
                seenText = true;
            }
        }
        return (leading, trailing);
    }
}
