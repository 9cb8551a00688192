using System.Globalization;
using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Finds the dated steps inside a commitment's text: any day of a month ("launched by March 21st", "on 5 May 2017"),
/// and a deadline month ("by June 2017", "by the end of September"). The milestone's title is its clause up to and
/// with the date. A day that does not exist ("March 32nd", "31 April") is a problem, not a guess.
/// </summary>
internal static partial class MilestoneFinder
{
    private const int MaxTitleWords = 16;

    public static IReadOnlyList<ParsedMilestone> Find(Paragraph paragraph, SessionCalendar? calendar, string section, ProblemLog problems)
    {
        var milestones = new List<ParsedMilestone>();
        var text = paragraph.Text;
        foreach (var day in DatePhrases.FindDays(text))
        {
            if (!DatePhrases.CanExist(day.Month, day.Day) || (day.Year is { } y && !DatePhrases.IsValid(y, day.Month, day.Day)))
            {
                problems.Add(section, paragraph.LineAt(day.Index), $"'{day.Text}' is not a date");
                continue;
            }
            if (calendar?.Resolve(day) is { } date)
            {
                milestones.Add(new ParsedMilestone(Title(text, day.Index + day.Length), date));
            }
        }

        foreach (Match deadline in DeadlineMonth().Matches(text))
        {
            if (!DatePhrases.TryMonth(deadline.Groups["month"].Value, out var month)
                || (month == 5 && !deadline.Groups["year"].Success))
            {
                continue;
            }
            int? year = deadline.Groups["year"].Success
                ? int.Parse(deadline.Groups["year"].Value, NumberStyles.None, CultureInfo.InvariantCulture)
                : calendar?.YearOnOrAfter(month);
            if (year is { } y2 && y2 is >= DatePhrases.MinYear and <= DatePhrases.MaxYear)
            {
                milestones.Add(new ParsedMilestone(Title(text, deadline.Index + deadline.Length), DatePhrases.LastDay(y2, month)));
            }
        }
        return milestones.DistinctBy(m => (m.Title, m.DueOn)).ToList();
    }

    /// <summary>The clause that ends with the date: from the sentence's start (or the last ';'), at most a few words.</summary>
    private static string Title(string text, int end)
    {
        var start = text.LastIndexOfAny(['.', ';', '!', '?'], Math.Max(0, end - 1)) + 1;
        var words = text[start..end].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= MaxTitleWords
            ? string.Join(' ', words)
            : "…" + string.Join(' ', words[^MaxTitleWords..]);
    }

    [GeneratedRegex(@"\b(?:by|before|until|till)\s(?:the\s)?(?:(?:end|middle)\sof\s)?(?<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)(?!\s?[0-9]{1,2}(?:st|nd|rd|th)?\b)(?:,?\s(?<year>(?:19|20|21)[0-9][0-9])\b)?")]
    private static partial Regex DeadlineMonth();
}
