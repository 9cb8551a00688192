using System.Net;
using Microsoft.Playwright;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>How a web session ends: sign-out, a revoked key; and that its cookie never opens the API.</summary>
public sealed class SessionTests(WebHostFixture host, BrowserFixture browser)
    : IClassFixture<WebHostFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task After_sign_out_the_back_button_shows_nothing_of_the_app()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForCircuitAsync();
        var cookieBeforeSignOut = Assert.Single(await page.SessionCookiesAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.WaitForURLAsync("**/signin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        Assert.Empty(await page.SessionCookiesAsync());

        await page.GoBackAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("[data-testid=caller]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToHaveCountAsync(0);

        // The session ended on the server: the old cookie, presented again, opens nothing.
        var replay = await browser.NewPageAsync(host.BaseAddress);
        await replay.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie
        {
            Name = cookieBeforeSignOut.Name, Value = cookieBeforeSignOut.Value, Domain = cookieBeforeSignOut.Domain, Path = "/",
        }]);
        await replay.GotoAsync("/");
        Assert.Equal("/signin", new Uri(replay.Url).AbsolutePath);
    }

    [Fact]
    public async Task App_pages_are_never_cached()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        var response = await page.GotoAsync("/");

        Assert.Contains("no-store", response!.Headers["cache-control"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_the_key_while_signed_in_sends_the_next_action_to_sign_in()
    {
        var key = await host.IssueKeyAsync(WebHostFixture.RootTenantId, "coordinator", "to be revoked");
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.GotoAsync("/signin?returnUrl=%2Fnot-found");
        await page.GetByLabel("API key").FillAsync(key.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/not-found");
        await page.WaitForCircuitAsync();

        await host.RevokeKeyAsync(WebHostFixture.RootTenantId, key.Id);
        // A move inside the circuit (no page load): the layout checks the session through SignedInCaller.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();

        // Polled rather than awaited as one navigation: the circuit's redirect may replace a navigation under way,
        // which Playwright reports as aborted (seen on a loaded CI machine).
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/signin(\?|$)"));
        await Assertions.Expect(page.Locator("[data-testid=caller]")).ToHaveCountAsync(0);
        // And the session is gone on the server, not only in this tab.
        await page.GotoAsync("/");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task The_session_cookie_never_authenticates_an_api_call()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        Assert.Single(await page.SessionCookiesAsync());

        // The browser context's request sends its cookies; no redirect is followed, so a redirect would show.
        var response = await page.Context.APIRequest.GetAsync($"api/tenants/{WebHostFixture.RootTenantId}",
            new() { MaxRedirects = 0 });

        Assert.Equal((int)HttpStatusCode.Unauthorized, response.Status);
        Assert.StartsWith("application/problem+json", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("An API key is required.", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_call_without_a_key_still_gets_the_401_problem()
    {
        using var api = host.Host.CreateClient();
        using var response = await api.GetAsync(new Uri($"api/tenants/{WebHostFixture.RootTenantId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false, "the web app's cache headers stay off the API");
    }
}
