using System.Text;

namespace Network.Documents.Writers.Html;

/// <summary>A status tag's text colour on its background (both <c>#rrggbb</c>).</summary>
internal sealed record StatusColour(string Status, string Text, string Background);

/// <summary>
/// The colours of the status tags, the same families as the dashboard's traffic lights (red for stalled and blocked,
/// green for complete, grey for withdrawn), each dark enough on its background for a contrast of at least 4.5:1
/// (WCAG AA for normal text), which the tests check.
/// </summary>
internal static class StatusColours
{
    /// <summary>A status the palette does not know (and not-started): neutral.</summary>
    public static StatusColour Neutral { get; } = new("", "#374151", "#f3f4f6");

    public static IReadOnlyList<StatusColour> All { get; } =
    [
        new("not-started", Neutral.Text, Neutral.Background),
        new("limited", "#7c4a03", "#fdf0d5"),
        new("substantial", "#1e4f8a", "#e3edf9"),
        new("complete", "#1d5e32", "#e2f3e6"),
        new("stalled", "#9b1c1c", "#fde8e8"),
        new("blocked", "#861d3e", "#fbe7ee"),
        new("withdrawn", "#4b5563", "#eceef1"),
    ];

    /// <summary>
    /// The status code as it may appear in a class name: lower-case letters, digits and hyphens, since the code is
    /// data and a class attribute is no place for anything else; "unknown" when nothing is left.
    /// </summary>
    public static string ClassSuffix(string? status)
    {
        var result = new StringBuilder();
        foreach (var c in (status ?? "").ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            {
                result.Append(c);
            }
        }
        return result.Length == 0 ? "unknown" : result.ToString();
    }
}
