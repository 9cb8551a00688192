namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Gives years to dates the text writes without one, counting from the session: a day ("by March 21") is the first
/// such day on or after the start of the session's month; a month a period runs to is the next such month after
/// the session (or after the previous period).
/// </summary>
internal sealed class SessionCalendar(DateOnly heldOn)
{
    private const int YearsToSearch = 8; // enough to find the next 29 February

    public DateOnly HeldOn { get; } = heldOn;

    public MonthRef SessionMonth => new(HeldOn.Month, HeldOn.Year);

    /// <summary>The date of a day phrase, or null when it is not a date ("31 April", "29 February 2017").</summary>
    public DateOnly? Resolve(DayRef day)
    {
        if (day.Year is { } year)
        {
            return DatePhrases.IsValid(year, day.Month, day.Day) ? new DateOnly(year, day.Month, day.Day) : null;
        }
        var from = new DateOnly(HeldOn.Year, HeldOn.Month, 1);
        for (var y = HeldOn.Year; y <= HeldOn.Year + YearsToSearch; y++)
        {
            if (DatePhrases.IsValid(y, day.Month, day.Day) && new DateOnly(y, day.Month, day.Day) >= from)
            {
                return new DateOnly(y, day.Month, day.Day);
            }
        }
        return null;
    }

    /// <summary>The year of the first such month on or after the session's month ("by June" after a December session: next June).</summary>
    public int YearOnOrAfter(int month) => month >= HeldOn.Month ? HeldOn.Year : HeldOn.Year + 1;

    /// <summary>The year of <paramref name="month"/> when it is the next such month strictly after <paramref name="after"/>.</summary>
    public static int YearAfter(MonthRef after, int month)
    {
        var year = after.Year ?? 0;
        return month > after.Month ? year : year + 1;
    }
}
