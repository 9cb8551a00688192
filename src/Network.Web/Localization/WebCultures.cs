using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Network.Web.Localization;

/// <summary>
/// The languages of the web app. The choice is kept in ASP.NET's standard culture cookie; without one the browser's
/// Accept-Language decides; English otherwise.
/// </summary>
public static class WebCultures
{
    public const string Default = "en";

    public static IReadOnlyList<string> Supported { get; } = ["en", "fr", "es"];

    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture, StringComparer.Ordinal);

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var cultures = Supported.Select(CultureInfo.GetCultureInfo).ToList();
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Default),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            // A choice made in the header beats the browser's languages; a query string is not a way in.
            RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()],
            // "fr-CA" from the browser is served in French.
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
    }

    public static string CookieValue(string culture) => CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));
}
