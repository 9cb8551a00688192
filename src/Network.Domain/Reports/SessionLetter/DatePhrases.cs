using System.Globalization;
using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>A month, with its year when the text gives one.</summary>
internal readonly record struct MonthRef(int Month, int? Year);

/// <summary>A day of a month, with its year when the text gives one; <see cref="Text"/> is the phrase as written.</summary>
internal readonly record struct DayRef(int Month, int Day, int? Year, string Text, int Index, int Length);

/// <summary>
/// The date phrases a session letter uses: "March 21st", "10 December", "the 10th of December", "June 2017",
/// "June-December 2017", "between June and December 2017", "year-end 2017", "the next 6 months".
/// Month names are matched with their capital (as every report writes them) so "may or may not" is not May.
/// </summary>
internal static partial class DatePhrases
{
    private const string FullMonths = "January|February|March|April|May|June|July|August|September|October|November|December";
    private const string ShortMonths = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
    private const string AnyMonth = @"(?:(?:" + FullMonths + @")\b|(?:" + ShortMonths + @")\b\.?)";
    private const string FullMonth = @"(?:(?:" + FullMonths + @")\b)";
    private const string Ordinal = @"(?:\s?(?:st|nd|rd|th)\b)?";
    private const string Year = @"(?<year>(?:19|20|21)[0-9][0-9])\b";

    private static readonly string[] Names =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public const int MinYear = 1900;
    public const int MaxYear = 2199;

    public static string MonthName(int month) => Names[month - 1];

    /// <summary>Reads a month name or its usual abbreviation ("Dec", "Sept."), with its capital.</summary>
    public static bool TryMonth(string word, out int month)
    {
        month = 0;
        var trimmed = word.TrimEnd('.', ',', ';', ':');
        if (trimmed.Length < 3 || !char.IsUpper(trimmed[0]))
        {
            return false;
        }
        for (var i = 0; i < Names.Length; i++)
        {
            var name = Names[i];
            var isAbbreviation = trimmed.Length < name.Length
                && (trimmed.Length == 3 || (trimmed.Length == 4 && name == "September"))
                && name.StartsWith(trimmed, StringComparison.Ordinal);
            if (string.Equals(name, trimmed, StringComparison.Ordinal) || isAbbreviation)
            {
                month = i + 1;
                return true;
            }
        }
        return false;
    }

    public static bool IsYear(string word) =>
        word.Length == 4 && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        && year is >= MinYear and <= MaxYear;

    public static string OrdinalSuffix(int number) => (number % 100) switch
    {
        11 or 12 or 13 => "th",
        _ => (number % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" },
    };

    public static bool IsValid(int year, int month, int day) =>
        year is >= MinYear and <= MaxYear && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>True when the day exists in that month in some year (29 February does, 31 April does not).</summary>
    public static bool CanExist(int month, int day) => month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2000, month);

    public static DateOnly LastDay(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    /// <summary>
    /// The PDF turns a superscript ordinal into '%': "March 21%" for "March 21st", "10% of December". Only a
    /// number next to a month is repaired, so a real percentage ("21% of migrants") keeps its meaning.
    /// </summary>
    public static string RepairOrdinals(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }
        var repaired = MonthThenPercent().Replace(text, m => $"{m.Groups["month"].Value} {WithSuffix(m.Groups["day"].Value)}");
        return PercentThenMonth().Replace(repaired, m => WithSuffix(m.Groups["day"].Value));
    }

    private static string WithSuffix(string digits) =>
        digits + OrdinalSuffix(int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture));

    /// <summary>Every day-and-month phrase in the text, in order: "March 21st", "21 March 2017", "the 10th of December".</summary>
    public static IEnumerable<DayRef> FindDays(string text)
    {
        foreach (Match match in DayOfMonth().Matches(text))
        {
            var monthWord = match.Groups["m1"].Success ? match.Groups["m1"].Value : match.Groups["m2"].Value;
            var dayDigits = match.Groups["d1"].Success ? match.Groups["d1"].Value : match.Groups["d2"].Value;
            if (!TryMonth(monthWord, out var month))
            {
                continue;
            }
            var day = int.Parse(dayDigits, NumberStyles.None, CultureInfo.InvariantCulture);
            yield return new DayRef(month, day, ParseYear(match), match.Value, match.Index, match.Length);
        }
    }

    /// <summary>"year-end 2017", "year end", "the end of 2017": the year, or null when the text leaves it out.</summary>
    public static bool TryFindYearEnd(string text, out int? year)
    {
        var match = YearEnd().Match(text);
        year = match.Success ? ParseYear(match) : null;
        return match.Success;
    }

    /// <summary>"June-December 2017", "between June and December 2017": the month the range ends in.</summary>
    public static bool TryFindRangeEnd(string text, out MonthRef end)
    {
        var match = MonthRange().Match(text);
        end = default;
        if (!match.Success || !TryMonth(match.Groups["to"].Value, out var month))
        {
            return false;
        }
        end = new MonthRef(month, ParseYear(match));
        return true;
    }

    /// <summary>"June 2017" (or "June 28-30, 2017"), or "in June" / "by June" / "up to June" without a year.</summary>
    public static bool TryFindMonth(string text, out MonthRef found)
    {
        found = default;
        var withYear = MonthAndYear().Match(text);
        if (withYear.Success && TryMonth(withYear.Groups["month"].Value, out var month))
        {
            found = new MonthRef(month, ParseYear(withYear));
            return true;
        }
        foreach (Match match in MonthAfterPreposition().Matches(text))
        {
            // "May" without a year is far more often the verb.
            if (TryMonth(match.Groups["month"].Value, out month) && month != 5)
            {
                found = new MonthRef(month, null);
                return true;
            }
        }
        return false;
    }

    /// <summary>"for the next 6 months", "the next six months": how many months.</summary>
    public static bool TryFindNextMonths(string text, out int months)
    {
        months = 0;
        var match = NextMonths().Match(text);
        return match.Success && NumberWords.TryParse(match.Groups["count"].Value, out months) && months is > 0 and <= 36;
    }

    private static int? ParseYear(Match match) =>
        match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"(?<month>" + AnyMonth + @")\s(?<day>[0-9]{1,2})\s?%")]
    private static partial Regex MonthThenPercent();

    [GeneratedRegex(@"\b(?<day>[0-9]{1,2})\s?%(?=\s(?:of\s)?" + AnyMonth + ")")]
    private static partial Regex PercentThenMonth();

    [GeneratedRegex(
        @"(?:\b(?<m1>" + AnyMonth + @")\s?(?<d1>[0-9]{1,2})" + Ordinal + @"(?![0-9])|\b(?<d2>[0-9]{1,2})" + Ordinal
        + @"\s(?:of\s)?(?<m2>" + AnyMonth + @"))(?:,?\s" + Year + ")?")]
    private static partial Regex DayOfMonth();

    [GeneratedRegex(@"\b(?:year[\s-]?end|end\s(?:of\s)?(?:the\s)?year)(?:\s(?:of\s)?" + Year + @")?|\bend\sof\s" + Year,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearEnd();

    [GeneratedRegex(@"\b(?<from>" + FullMonth + @")\s?(?:-|–|—|\band\b|\bto\b|\buntil\b|\bthrough\b)\s?(?<to>" + FullMonth + @")(?:,?\s" + Year + ")?")]
    private static partial Regex MonthRange();

    // "June 2017", and a forum's days between: "June 28-30, 2017".
    [GeneratedRegex(@"\b(?<month>" + FullMonth + @")(?:\s[0-9]{1,2}" + Ordinal + @"(?:\s?[-–]\s?[0-9]{1,2}" + Ordinal + @")?)?,?\s" + Year)]
    private static partial Regex MonthAndYear();

    [GeneratedRegex(@"\b(?:in|by|until|till|through|to)\s(?<month>" + FullMonth + @")(?!\s?[0-9])")]
    private static partial Regex MonthAfterPreposition();

    [GeneratedRegex(@"\bnext\s(?<count>[0-9]{1,2}|" + NumberWords.Pattern + @")\smonths\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextMonths();
}
