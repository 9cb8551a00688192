using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Network.Workflows.Loading;

/// <summary>
/// An ISO 8601 duration as definitions write it: <c>P45D</c>, <c>PT12H</c>, <c>P1M</c>, <c>P1Y2M3DT4H</c>, <c>P2W</c>.
/// <para>
/// Years and months are kept apart from the rest, because they are calendar units: <see cref="AddTo"/> adds them with
/// <see cref="DateTimeOffset.AddYears"/> and <see cref="DateTimeOffset.AddMonths"/> (31 January + P1M is the last
/// day of February), then adds <see cref="Time"/>. Days, hours, minutes and seconds are read by
/// <see cref="XmlConvert.ToTimeSpan(string)"/>; a week is seven days. Only seconds may have a fraction, and a
/// duration is never negative.
/// </para>
/// <para>
/// In a definition, a duration value that has the ISO 8601 shape (<see cref="HasLiteralShape"/>: <c>P</c> followed by
/// digits and designators) is a literal and must parse; anything else (<c>settings.stallAfter</c>) is a JavaScript
/// expression whose result, at run time, is parsed with <see cref="TryParse"/>.
/// </para>
/// </summary>
public readonly partial record struct IsoDuration(int Years, int Months, TimeSpan Time)
{
    public static IsoDuration Zero { get; }

    /// <summary>True when the duration has calendar units (years or months), whose length depends on the start.</summary>
    public bool HasCalendarUnits => Years != 0 || Months != 0;

    /// <summary>The moment this long after <paramref name="start"/>: calendar years and months first, then the rest.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) => start.AddYears(Years).AddMonths(Months).Add(Time);

    /// <summary>True when <paramref name="text"/> looks like an ISO 8601 duration (valid or not), i.e. is meant as a literal.</summary>
    public static bool HasLiteralShape(string? text) => text is not null && LiteralShape().IsMatch(text.Trim());

    public static bool TryParse(string? text, out IsoDuration duration) => TryParse(text, out duration, out _);

    /// <summary>Parses a duration literal; on failure, <paramref name="problem"/> says what is wrong in words.</summary>
    public static bool TryParse(string? text, out IsoDuration duration, out string problem)
    {
        duration = Zero;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.StartsWith('-'))
        {
            problem = "a duration cannot be negative";
            return false;
        }
        var match = Strict().Match(trimmed);
        if (!match.Success || trimmed is "P" || trimmed.EndsWith('T'))
        {
            problem = "expected an ISO 8601 duration such as P45D, PT12H, P1M or P1DT6H (upper case, units in the order Y M W D T H M S)";
            return false;
        }
        try
        {
            if (match.Groups["w"].Success)
            {
                duration = new IsoDuration(0, 0, TimeSpan.FromDays(7 * long.Parse(match.Groups["w"].Value, CultureInfo.InvariantCulture)));
                problem = "";
                return true;
            }
            var years = match.Groups["y"].Success ? int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture) : 0;
            var months = match.Groups["mo"].Success ? int.Parse(match.Groups["mo"].Value, CultureInfo.InvariantCulture) : 0;
            // What XmlConvert reads: the same text without its calendar units.
            var rest = "P" + match.Groups["d"].Value + match.Groups["t"].Value;
            var time = rest == "P" ? TimeSpan.Zero : XmlConvert.ToTimeSpan(rest);
            if (years > 10_000 || months > 120_000)
            {
                problem = "the duration is too long";
                return false;
            }
            duration = new IsoDuration(years, months, time);
            problem = "";
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            problem = "the duration is too long";
            return false;
        }
    }

    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration, out var problem) ? duration : throw new FormatException($"'{text}': {problem}");

    // P, then designators and digits only: "P45D", "P45", "PT", "P1.5D". Lower case counts too, so "p45d" is
    // reported as a bad literal rather than read as a JavaScript variable.
    [GeneratedRegex(@"^[+-]?[Pp][0-9.,YMWDTHSymwdths]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LiteralShape();

    [GeneratedRegex(
        @"^P(?:(?<w>\d+)W|(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?<d>\d+D)?(?<t>T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Strict();
}
