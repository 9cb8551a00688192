using System.Net;
using System.Text.RegularExpressions;

namespace Network.Bench;

/// <summary>
/// Signs in to the web app as a browser does, without one: GET /signin for the form's hidden fields (its handler
/// name and antiforgery token, whose cookie the handler keeps), POST the key with them, and keep the session cookie
/// the answer sets. The client that comes back sends only that cookie, never the key.
/// </summary>
internal static partial class CookieSignIn
{
    public const string SessionCookie = ".Network.Session";

    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string key)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        try
        {
            var form = await client.GetStringAsync(new Uri("signin", UriKind.Relative)).ConfigureAwait(false);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var input in InputTag().Matches(form).Select(m => m.Value).Where(t => t.Contains("type=\"hidden\"", StringComparison.Ordinal)))
            {
                if (Attribute(input, "name") is { } name)
                {
                    fields[name] = Attribute(input, "value") ?? "";
                }
            }
            fields["Input.Key"] = key;
            using var body = new FormUrlEncodedContent(fields);
            using var response = await client.PostAsync(new Uri("signin", UriKind.Relative), body).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(baseAddress)[SessionCookie] is null)
            {
                throw new InvalidOperationException(
                    $"Signing in answered {(int)response.StatusCode} without a session cookie: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
            }
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["value"].Value) : null;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex InputTag();
}
