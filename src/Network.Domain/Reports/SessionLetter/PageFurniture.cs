using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Removes what the PDF repeats on every page rather than what the session wrote: lone page numbers
/// ("3", "Page 3 of 5", "- 3 -") and header or footer lines that stand at the top or bottom of two or more pages.
/// Removed lines become blank, so line numbers and paragraph breaks stay where they were.
/// </summary>
internal static partial class PageFurniture
{
    /// <param name="lines">The cleaned lines.</param>
    /// <param name="isStructure">True for lines the report's structure needs (titles, headings, table labels):
    /// a label such as "society will work on it?" may well end two pages, and must not be taken for a footer.</param>
    public static IReadOnlyList<ReportLine> Remove(IReadOnlyList<ReportLine> lines, Func<string, bool> isStructure)
    {
        var result = lines.ToArray();
        var edges = PageEdges(result);
        var repeatedEdges = edges
            .GroupBy(i => result[i].Text, StringComparer.Ordinal)
            .Where(g => g.Select(i => result[i].Page).Distinct().Count() >= 2 && !isStructure(g.Key))
            .SelectMany(g => g)
            .ToHashSet();

        for (var i = 0; i < result.Length; i++)
        {
            var text = result[i].Text;
            var isFurniture = repeatedEdges.Contains(i)
                || DecoratedPageNumber().IsMatch(text)
                || (BarePageNumber().IsMatch(text) && (edges.Contains(i) || StandsAlone(result, i)));
            if (isFurniture)
            {
                result[i] = result[i].Blanked();
            }
        }
        return result;
    }

    /// <summary>The first and last non-blank line of every page, when there is more than one page.</summary>
    private static HashSet<int> PageEdges(ReportLine[] lines)
    {
        var edges = new HashSet<int>();
        if (lines.Length == 0 || lines[^1].Page == lines[0].Page)
        {
            return edges;
        }
        foreach (var page in Enumerable.Range(0, lines.Length).Where(i => !lines[i].IsBlank).GroupBy(i => lines[i].Page))
        {
            edges.Add(page.First());
            edges.Add(page.Last());
        }
        return edges;
    }

    // A number on its own between blank lines is a page number; "10" directly followed by "participants ..." is not.
    private static bool StandsAlone(ReportLine[] lines, int index) =>
        (index == 0 || lines[index - 1].IsBlank || lines[index - 1].Page != lines[index].Page)
        && (index == lines.Length - 1 || lines[index + 1].IsBlank || lines[index + 1].Page != lines[index].Page);

    [GeneratedRegex(@"^[0-9]{1,3}$")]
    private static partial Regex BarePageNumber();

    [GeneratedRegex(@"^(?:page\s[0-9]{1,3}(?:\s?(?:/|of)\s?[0-9]{1,3})?|[0-9]{1,3}\s?(?:/|of)\s?[0-9]{1,3}|[-–—]\s?[0-9]{1,3}\s?[-–—])$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DecoratedPageNumber();
}
