using System.Text;

namespace Network.Notifications.Templates;

/// <summary>
/// The partners' and workflows' text made fit for an e-mail before any writer escapes it: line breaks as <c>\n</c>
/// (blank lines dropped), tabs as spaces, other control characters and broken surrogate pairs removed, so neither a
/// header nor a body line can be split or corrupted by what someone typed.
/// </summary>
internal static class UserText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split(['\n', '\r', '\u2028', '\u2029', '\u0085', '\v', '\f'])
            .Select(line => Characters(line).Trim())
            .Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }

    /// <summary>On one line, runs of spaces as one: for subjects, titles and facts.</summary>
    public static string SingleLine(string? text) =>
        string.Join(' ', Clean(text).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The text on one line, at most <paramref name="max"/> characters: cut at the last space that keeps at least half
    /// of it (else mid-word), trailing punctuation dropped, and an ellipsis added, never splitting a surrogate pair.
    /// </summary>
    public static string Shorten(string? text, int max)
    {
        var line = SingleLine(text);
        if (line.Length <= max)
        {
            return line;
        }
        var cut = max - 1;
        if (char.IsLowSurrogate(line[cut]))
        {
            cut--;
        }
        var space = line.LastIndexOf(' ', cut);
        if (space >= max / 2)
        {
            cut = space;
        }
        return line[..cut].TrimEnd(' ', ',', ';', ':', '.', '-', '–', '(') + "…";
    }

    private static string Characters(string line)
    {
        var result = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\t')
            {
                result.Append(' ');
            }
            else if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                result.Append(c).Append(line[++i]);
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c))
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }
}
