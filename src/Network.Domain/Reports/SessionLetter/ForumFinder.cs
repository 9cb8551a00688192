using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>A forum's short name and, when the text says where, its host: "GFMD" in "Germany".</summary>
internal sealed record ForumMention(string Forum, string? Place);

/// <summary>
/// Finds the forum the way the template names it, as the place a period runs to: "(through GFMD in Germany)",
/// "to be reported on at the GFMD in Germany", "after GFMD 2017". The title block does not name the forum.
/// When no period names it, the acronym the report uses most often (three letters or more) is taken.
/// </summary>
internal static partial class ForumFinder
{
    public static ForumMention? Find(string text)
    {
        ForumMention? withoutPlace = null;
        foreach (Match match in ForumAfterPreposition().Matches(text))
        {
            var place = match.Groups["place"].Success ? match.Groups["place"].Value : null;
            if (place is not null)
            {
                return new ForumMention(match.Groups["forum"].Value, place);
            }
            withoutPlace ??= new ForumMention(match.Groups["forum"].Value, null);
        }
        return withoutPlace;
    }

    public static string? MostFrequentAcronym(string text) =>
        Acronym().Matches(text)
            .GroupBy(m => m.Value, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.First().Index)
            .Select(g => g.Key)
            .FirstOrDefault();

    private const string MonthWord = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";

    [GeneratedRegex(@"\b(?:through|at|to|until|till|before|after|towards?)\s(?:the\s)?(?<forum>[A-Z][A-Z0-9]{1,9})\b(?!-)"
        + @"(?:\s(?:in|at)\s(?<place>(?!" + MonthWord + @"\b)\p{Lu}[\p{L}'-]+(?:\s(?!" + MonthWord + @"\b)\p{Lu}[\p{L}'-]+)?))?")]
    private static partial Regex ForumAfterPreposition();

    [GeneratedRegex(@"\b[A-Z]{3,10}\b")]
    private static partial Regex Acronym();
}
