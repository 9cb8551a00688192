using System.Globalization;

namespace Network.Host.Api.Http;

/// <summary>Reads query-string values strictly: a value that does not parse is a 400 naming the parameter.</summary>
public static class QueryValues
{
    public static DateOnly? Date(string? value, string name) =>
        value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw ApiProblemException.BadRequest(name, $"'{value}' is not a date; use yyyy-MM-dd, e.g. 2016-12-09.");

    /// <summary>A day (yyyy-MM-dd, its start in UTC) or an instant with its offset (ISO 8601, e.g. 2026-12-02T09:30:00Z).</summary>
    public static DateTimeOffset? Instant(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        // An instant must say its offset: a bare local time would mean different moments on different servers.
        return value.Contains('T', StringComparison.Ordinal)
            && (value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T', StringComparison.Ordinal))
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : throw ApiProblemException.BadRequest(name, $"'{value}' is not a day or an instant; use yyyy-MM-dd or e.g. 2026-12-02T09:30:00Z.");
    }

    public static bool Flag(string? value, string name) =>
        value is null ? false
        : bool.TryParse(value, out var flag) ? flag
        : throw ApiProblemException.BadRequest(name, $"'{value}' is not true or false.");

    /// <summary>The value when it is one of <paramref name="allowed"/> (compared exactly); null when absent.</summary>
    public static string? OneOf(string? value, string name, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return value is null || allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw ApiProblemException.BadRequest(name, $"'{value}' is not one of {string.Join(", ", allowed)}.");
    }

    public static int? WholeNumber(string? value, string name, int min, int max)
    {
        if (value is null)
        {
            return null;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw ApiProblemException.BadRequest(name, $"'{value}' is not a whole number from {min} to {max}.");
    }
}
