using System.Globalization;
using System.Text.RegularExpressions;

namespace Network.Bench;

/// <summary>
/// The soak's length as the command line gives it: a whole number followed by s, m or h ("90s", "10m", "1h"), nothing
/// else, so a typo is refused before a run of many minutes rather than read as something unintended.
/// </summary>
internal static partial class SoakDuration
{
    public const string Expected = "expected a whole number of seconds, minutes or hours, such as 90s, 10m or 1h (at least 10s, at most 24h).";

    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Longest = TimeSpan.FromHours(24);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var match = Pattern().Match(text);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }
        var value = match.Groups["unit"].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromHours(n),
        };
        if (value < Shortest || value > Longest)
        {
            return false;
        }
        duration = value;
        return true;
    }

    /// <summary>"10m", "90s", "1h": the shortest way to write it back.</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalHours == Math.Floor(duration.TotalHours) ? Whole(duration.TotalHours) + "h"
        : duration.TotalMinutes == Math.Floor(duration.TotalMinutes) ? Whole(duration.TotalMinutes) + "m"
        : Whole(duration.TotalSeconds) + "s";

    private static string Whole(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    [GeneratedRegex("^(?<n>[0-9]{1,6})(?<unit>[smh])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
