using System.Net;
using System.Text.RegularExpressions;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Commitments.Spreadsheets;

/// <summary>
/// A browser's web session over plain HTTP: the sign-in page's form posted with its antiforgery token, then requests
/// carrying the session cookie, for web-app endpoints that are not pages (the progress sheet download).
/// </summary>
internal static partial class WebSessionClient
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public static async Task<HttpClient> SignInAsync(InProcessHostFixture host, string key)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var page = await client.GetStringAsync(new Uri("signin", UriKind.Relative));
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Key"] = key,
        });
        using var response = await client.PostAsync(new Uri("signin", UriKind.Relative), form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
        Assert.Contains(handler.CookieContainer.GetCookies(host.BaseAddress).Cast<Cookie>(), c => c.Name == ".Network.Session");
        return client;
    }
}
