using System.Net;
using System.Text.RegularExpressions;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Cluster;

/// <summary>
/// A person signed in to the web app through one silo keeps working through the others, as behind a load balancer
/// without affinity for plain page loads: the session cookie and the antiforgery tokens are encrypted with
/// data-protection keys the silos share in the database, and the session lives in the cluster (a grain), not in
/// the process that signed it in. Ending it through one silo (sign-out, revoked key) ends it on all.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class WebSessionAcrossSilosTests(ThreeSiloCluster cluster)
{
    [Fact]
    public async Task A_session_signed_in_through_one_silo_works_and_ends_through_the_others()
    {
        await cluster.EnsureAllRunningAsync();
        var browser = new CookieContainer();

        await SignInAsync(browser, 0, cluster.Scope.CoordinatorKey);

        // The dashboard, served by another silo, as the signed-in coordinator.
        var (status, page) = await GetAsync(browser, 1, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("forum coordinator", page, StringComparison.Ordinal);
        // The keys that encrypted the cookie are in the shared database, not in one process's home folder.
        Assert.True(await cluster.DataProtectionKeyCountAsync() > 0, "data-protection keys are stored in the database");

        // A form token issued by one silo is good on another: sign out through the third with silo 1's token.
        using (var signOut = await PostFormAsync(browser, 2, "/signout", new() { ["__RequestVerificationToken"] = AntiforgeryToken(page) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            Assert.Equal("/signin", signOut.Headers.Location!.OriginalString);
        }

        // Ended everywhere, including where it began.
        for (var silo = 0; silo < ThreeSiloCluster.Size; silo++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await GetAsync(browser, silo, "/")).Status);
        }
    }

    [Fact]
    public async Task Revoking_the_key_through_one_silo_ends_its_session_served_by_another()
    {
        await cluster.EnsureAllRunningAsync();
        var root = cluster.Client(0, ThreeSiloCluster.BootstrapKey);
        var key = await root.IssueKeyAsync(cluster.Scope.Forum.Id, "coordinator", "desk in Geneva");
        var browser = new CookieContainer();
        await SignInAsync(browser, 1, key.Key);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(browser, 2, "/")).Status);

        using var revoke = await root.DeleteAsync(new Uri($"api/tenants/{cluster.Scope.Forum.Id}/keys/{key.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await GetAsync(browser, 2, "/")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await GetAsync(browser, 1, "/")).Status);
    }

    /// <summary>The sign-in form as a browser posts it: its antiforgery token, its handler name, the key.</summary>
    private async Task SignInAsync(CookieContainer browser, int silo, string key)
    {
        var (_, form) = await GetAsync(browser, silo, "/signin");
        using var signIn = await PostFormAsync(browser, silo, "/signin", new()
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["_handler"] = "signin",
            ["Input.Key"] = key,
        });
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)signIn.StatusCode}: {await signIn.Content.ReadAsStringAsync()}");
    }

    private async Task<(HttpStatusCode Status, string Page)> GetAsync(CookieContainer browser, int silo, string path)
    {
        using var client = Browser(browser, silo);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostFormAsync(CookieContainer browser, int silo, string path, Dictionary<string, string> fields)
    {
        using var client = Browser(browser, silo);
        using var body = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), body);
    }

    /// <summary>One browser (its cookie jar) talking to one silo; redirects are answers to look at, not to follow.</summary>
    private HttpClient Browser(CookieContainer cookies, int silo) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }, disposeHandler: true)
        {
            BaseAddress = cluster.Silo(silo).BaseAddress,
        };

    private static string AntiforgeryToken(string page)
    {
        var match = AntiforgeryInput().Match(page);
        Assert.True(match.Success, "the page has a form with an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
