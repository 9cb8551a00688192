namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Gives each period its due date and milestone text once the session's month is known. A period written without
/// its year runs to the next such month after the previous period's end (the session's month for the first);
/// a month is due on its last day; a year's end on 31 December. A period that ends before the session is refused.
/// </summary>
internal static class PeriodDates
{
    public static IEnumerable<(PeriodFacts Facts, ParsedPeriod Period)> Resolve(
        IReadOnlyList<PeriodFacts> periods, SessionCalendar? calendar, string? forum, ProblemLog problems)
    {
        if (calendar is null)
        {
            yield break;
        }
        var previous = calendar.SessionMonth;
        foreach (var facts in periods)
        {
            var name = SectionNames.Period(facts.Number);
            MonthRef end;
            if (facts.Target is { } target)
            {
                end = new MonthRef(target.Month, target.Year ?? SessionCalendar.YearAfter(previous, target.Month));
            }
            else if (facts.NextMonths is { } months)
            {
                var date = calendar.HeldOn.AddMonths(months);
                end = new MonthRef(date.Month, date.Year);
            }
            else
            {
                continue; // already reported by the period's reader
            }

            var year = end.Year ?? 0;
            if (year is < DatePhrases.MinYear or > DatePhrases.MaxYear)
            {
                problems.Add(name, facts.HeadingLine, $"the year {year} is not a year this report can be about");
                continue;
            }
            var dueOn = DatePhrases.LastDay(year, end.Month);
            if (dueOn <= calendar.HeldOn)
            {
                problems.Add(name, facts.HeadingLine,
                    $"the period runs to {DatePhrases.MonthName(end.Month)} {year}, which is not after the session ({calendar.HeldOn:yyyy-MM-dd})");
            }
            previous = end;
            yield return (facts, new ParsedPeriod(facts.Number, facts.Title, Milestone(facts, end.Month, year, forum), dueOn, []));
        }
    }

    private static string Milestone(PeriodFacts facts, int month, int year, string? forum)
    {
        if (facts.Target?.YearEnd == true)
        {
            return $"Year end {year}";
        }
        var monthAndYear = $"{DatePhrases.MonthName(month)} {year}";
        return facts.Forum is { Place: { } place } mention && (forum is null || mention.Forum == forum)
            ? $"{mention.Forum} {place}, {monthAndYear}"
            : monthAndYear;
    }
}
