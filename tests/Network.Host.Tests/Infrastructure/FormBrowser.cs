using System.Net;
using System.Text.RegularExpressions;

namespace Network.Host.Tests.Infrastructure;

/// <summary>
/// A browser without JavaScript: one cookie jar, page loads and form posts (with the page's antiforgery token), to
/// any host it is pointed at — enough to sign in to the web app and to see whether the session holds.
/// Redirects are answers to look at, not to follow.
/// </summary>
public sealed partial class FormBrowser
{
    private readonly CookieContainer _cookies = new();

    /// <summary>The sign-in form as a browser posts it: its antiforgery token, its handler name, the key.</summary>
    public async Task SignInAsync(Uri host, string key)
    {
        var (_, form) = await GetAsync(host, "/signin");
        using var signIn = await PostFormAsync(host, "/signin", new()
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["_handler"] = "signin",
            ["Input.Key"] = key,
        });
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)signIn.StatusCode}: {await signIn.Content.ReadAsStringAsync()}");
    }

    public async Task<(HttpStatusCode Status, string Page)> GetAsync(Uri host, string path)
    {
        using var client = Client(host);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpResponseMessage> PostFormAsync(Uri host, string path, Dictionary<string, string> fields)
    {
        using var client = Client(host);
        using var body = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), body);
    }

    /// <summary>The antiforgery token of the (first) form on a page.</summary>
    public static string AntiforgeryToken(string page)
    {
        var match = AntiforgeryInput().Match(page);
        Assert.True(match.Success, "the page has a form with an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    private HttpClient Client(Uri host) =>
        new(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }, disposeHandler: true) { BaseAddress = host };

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
