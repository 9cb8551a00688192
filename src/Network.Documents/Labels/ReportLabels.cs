using System.Globalization;
using System.Resources;
using Network.Domain.Reporting;

namespace Network.Documents.Labels;

/// <summary>
/// The fixed words of the reports — headings, status names, column titles, dates — in one of the network's
/// languages (<c>ReportLabels.resx</c>, <c>.fr.resx</c>, <c>.es.resx</c>). The partners' own text never passes here.
/// </summary>
public sealed class ReportLabels
{
    public const string DefaultLanguage = "en";

    /// <summary>The languages the labels exist in (GFMD works in English, French and Spanish).</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr", "es"];

    private static readonly ResourceManager Resources = new("Network.Documents.Labels.ReportLabels", typeof(ReportLabels).Assembly);

    /// <summary>The culture whose month names a date takes; the labels' own resources say the pattern.</summary>
    private static readonly Dictionary<string, CultureInfo> Cultures = new(StringComparer.Ordinal)
    {
        ["en"] = CultureInfo.GetCultureInfo("en-GB"),
        ["fr"] = CultureInfo.GetCultureInfo("fr-FR"),
        ["es"] = CultureInfo.GetCultureInfo("es-ES"),
    };

    private readonly CultureInfo _culture;

    public ReportLabels(string language)
    {
        Language = Languages.Contains(language) ? language : throw new ArgumentException($"No report labels in '{language}'.", nameof(language));
        _culture = Cultures[Language];
    }

    public string Language { get; }

    /// <summary>The label with that key, formatted with the arguments in the language's conventions.</summary>
    public string this[string key, params object?[] args]
    {
        get
        {
            var text = Resources.GetString(key, _culture) ?? throw new KeyNotFoundException($"No report label '{key}'.");
            return args.Length == 0 ? text : string.Format(_culture, text, args);
        }
    }

    public string Status(string status) => this["Status." + status];

    public string Milestone(MilestoneOutcome outcome) => this["Milestone." + outcome];

    public string Date(DateOnly day) => day.ToString(this["DateFormat"], _culture);

    /// <summary>A moment as its day in UTC: reports speak of days.</summary>
    public string Date(DateTimeOffset moment) => Date(DateOnly.FromDateTime(moment.UtcDateTime));

    public string Number(int value) => value.ToString("N0", _culture);

    /// <summary>
    /// The first of the languages asked for that the labels exist in: <paramref name="requested"/> (<c>?lang=</c>)
    /// when given, else the <c>Accept-Language</c> header's by preference, else English.
    /// </summary>
    /// <returns>Null when <paramref name="requested"/> names a language there are no labels in.</returns>
    public static string? Choose(string? requested, string? acceptLanguage)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var wanted = requested.Trim().ToLowerInvariant();
            return Languages.FirstOrDefault(l => wanted == l || wanted.StartsWith(l + "-", StringComparison.Ordinal));
        }
        foreach (var (tag, _) in AcceptLanguage(acceptLanguage))
        {
            if (Languages.FirstOrDefault(l => tag == l || tag.StartsWith(l + "-", StringComparison.Ordinal)) is { } language)
            {
                return language;
            }
        }
        return DefaultLanguage;
    }

    /// <summary>The language tags of an Accept-Language header, most preferred first (a "q" of 0 means not wanted).</summary>
    private static IEnumerable<(string Tag, double Quality)> AcceptLanguage(string? header) =>
        (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part =>
            {
                var pieces = part.Split(';', StringSplitOptions.TrimEntries);
                var quality = 1.0;
                foreach (var parameter in pieces.Skip(1))
                {
                    if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                        && double.TryParse(parameter[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var q))
                    {
                        quality = q;
                    }
                }
                return (Tag: pieces[0].ToLowerInvariant(), Quality: quality);
            })
            .Where(x => x.Quality > 0)
            .OrderByDescending(x => x.Quality);
}
