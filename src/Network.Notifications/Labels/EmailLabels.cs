using System.Globalization;
using System.Resources;

namespace Network.Notifications.Labels;

/// <summary>
/// The fixed words of the e-mails in the reader's language (<c>EmailLabels.resx</c>, <c>.fr.resx</c>, <c>.es.resx</c>),
/// and the reader's way of writing dates and counts. The partners' own text never passes here.
/// </summary>
internal sealed class EmailLabels
{
    public const string DefaultLanguage = "en";

    private static readonly ResourceManager Resources = new("Network.Notifications.Labels.EmailLabels", typeof(EmailLabels).Assembly);

    /// <summary>The culture whose month names and conventions a language's dates take.</summary>
    private static readonly Dictionary<string, CultureInfo> Cultures = new(StringComparer.Ordinal)
    {
        ["en"] = CultureInfo.GetCultureInfo("en-GB"),
        ["fr"] = CultureInfo.GetCultureInfo("fr-FR"),
        ["es"] = CultureInfo.GetCultureInfo("es-ES"),
    };

    private readonly CultureInfo _culture;

    private EmailLabels(string language)
    {
        Language = language;
        _culture = Cultures[language];
    }

    /// <summary>en, fr or es: the language the words are in.</summary>
    public string Language { get; }

    /// <summary>
    /// The labels in <paramref name="language"/> ("fr", "FR", "fr-CA" all mean French); English for a language there
    /// are no labels in, or none: an e-mail in English is better than no e-mail.
    /// </summary>
    public static EmailLabels For(string? language)
    {
        var tag = (language ?? "").Trim();
        var cut = tag.IndexOfAny(['-', '_']);
        var primary = (cut >= 0 ? tag[..cut] : tag).ToUpperInvariant() switch
        {
            "FR" => "fr",
            "ES" => "es",
            _ => DefaultLanguage,
        };
        return new EmailLabels(primary);
    }

    /// <summary>The label with that key, formatted with the arguments in the language's conventions.</summary>
    public string this[string key, params object?[] args]
    {
        get
        {
            var text = Resources.GetString(key, _culture) ?? throw new KeyNotFoundException($"No e-mail label '{key}'.");
            return args.Length == 0 ? text : string.Format(_culture, text, args);
        }
    }

    /// <summary>The label with that key, or null when there is none (e.g. a commitment status this version does not know).</summary>
    public string? Find(string key) => Resources.GetString(key, _culture);

    /// <summary>"45 days", "1 day", with the language's plural rule (French puts 0 in the singular too).</summary>
    public string Days(int days) => this[IsSingular(days) ? "Days.One" : "Days.Many", Number(days)];

    /// <summary>A count with the singular or plural label: "1 update", "3 updates".</summary>
    public string Count(string key, int count) => this[key + (IsSingular(count) ? ".One" : ".Many"), Number(count)];

    /// <summary>The day of a moment, in UTC: "3 March 2026", "3 mars 2026", "3 de marzo de 2026".</summary>
    public string Date(DateTimeOffset moment) => moment.UtcDateTime.ToString(this["DateFormat"], _culture);

    /// <summary>A moment with its time, in UTC and saying so.</summary>
    public string DateTime(DateTimeOffset moment) => moment.UtcDateTime.ToString(this["DateTimeFormat"], _culture);

    public string Number(int value) => value.ToString("N0", _culture);

    /// <summary>Text in the language's quotation marks.</summary>
    public string Quote(string text) => this["Quoted", text];

    /// <summary>French treats 0 and 1 as singular; English and Spanish only 1.</summary>
    private bool IsSingular(int count) => count == 1 || (count == 0 && Language == "fr");
}
