using System.Text;

namespace Network.Documents.Writers;

/// <summary>
/// Text as the partners typed it, made safe to hand to any writer: every writer escapes what this returns, but none
/// should have to reason about carriage returns, tabs, control characters or broken surrogate pairs.
/// </summary>
internal static class PlainText
{
    /// <summary>
    /// The text with line breaks as <c>\n</c> and a run of line breaks (blank lines included) as one, tabs as spaces,
    /// other control characters removed, and an unpaired surrogate replaced by U+FFFD; spaces are left as they are,
    /// because the runs of a paragraph are written side by side and their spaces matter.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var result = new StringBuilder(text.Length);
        var breakPending = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n' or '\u2028' or '\u2029' or '\u0085' or '\v' or '\f')
            {
                breakPending = true;
                continue;
            }
            if (breakPending)
            {
                // Whitespace between two line breaks is a blank line: keep waiting for the next visible character.
                if (c is ' ' or '\t')
                {
                    continue;
                }
                TrimTrailingSpaces(result);
                result.Append('\n');
                breakPending = false;
            }
            if (c == '\t')
            {
                result.Append(' ');
            }
            else if (char.IsControl(c))
            {
                // Dropped: NUL, escape, bell and the like have no place in a report and break some readers.
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                result.Append('\uFFFD');
            }
            else
            {
                result.Append(c);
            }
        }
        if (breakPending)
        {
            // A trailing line break still separates this run from the next one.
            TrimTrailingSpaces(result);
            result.Append('\n');
        }
        return result.ToString();
    }

    /// <summary>The text on one line (titles, headings, column titles): line breaks become spaces, the ends trimmed.</summary>
    public static string SingleLine(string? text) => Clean(text).Replace('\n', ' ').Trim();

    /// <summary>
    /// Cleaned text split into its leading spaces and breaks, the rest, and its trailing ones: a writer that wraps the
    /// text in markup (bold, a link) puts the edges outside, where they keep the words apart.
    /// </summary>
    public static (string Before, string Core, string After) Edges(string? text)
    {
        var clean = Clean(text);
        var core = clean.Trim(' ', '\n');
        if (core.Length == 0)
        {
            return (clean, "", "");
        }
        var start = clean.IndexOf(core, StringComparison.Ordinal);
        return (clean[..start], core, clean[(start + core.Length)..]);
    }

    private static void TrimTrailingSpaces(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }
}
