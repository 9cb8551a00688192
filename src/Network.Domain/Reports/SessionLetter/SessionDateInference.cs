namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Infers the month of the session when the caller does not give its date, from what the report itself says:
/// <list type="number">
/// <item>a period that runs "for the next N months" to a month with a year: the session is N months before
/// ("next 6 months ... in June 2017": December 2016). A period written without its year takes it from a later
/// period that has one ("June" before "year-end 2017": June 2017);</item>
/// <item>else the priority messages' date, when it has a year ("on 10 December 2016");</item>
/// <item>else that date's month, in the last such month before the first period's dated end
/// ("on 10 December" and "in June 2017": December 2016).</item>
/// </list>
/// The result is the first day of that month; only the month is meaningful.
/// </summary>
internal static class SessionDateInference
{
    public static DateOnly? Infer(IReadOnlyList<PeriodFacts> periods, DayRef? messagesDue)
    {
        var targets = WithYearsFromLaterPeriods(periods);

        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i].NextMonths is { } months && targets[i] is { Year: { } year } target)
            {
                return Valid(new DateOnly(year, target.Month, 1).AddMonths(-months));
            }
        }

        if (messagesDue is { } due)
        {
            if (due.Year is { } dueYear)
            {
                return Valid(dueYear, due.Month);
            }
            if (targets.FirstOrDefault(t => t?.Year is not null) is { Year: { } firstYear } first)
            {
                // The last such month strictly before the period's end.
                return Valid(due.Month < first.Month ? firstYear : firstYear - 1, due.Month);
            }
        }
        return null;
    }

    private static PeriodTarget?[] WithYearsFromLaterPeriods(IReadOnlyList<PeriodFacts> periods)
    {
        var targets = periods.Select(p => p.Target).ToArray();
        for (var i = targets.Length - 2; i >= 0; i--)
        {
            if (targets[i] is { Year: null } target && targets[i + 1] is { Year: { } laterYear } later)
            {
                targets[i] = target with { Year = target.Month <= later.Month ? laterYear : laterYear - 1 };
            }
        }
        return targets;
    }

    private static DateOnly? Valid(int year, int month) =>
        year is >= DatePhrases.MinYear and <= DatePhrases.MaxYear ? new DateOnly(year, month, 1) : null;

    private static DateOnly? Valid(DateOnly date) => Valid(date.Year, date.Month);
}
