using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>Signing in with an API key, in a real browser against the built host.</summary>
public sealed partial class SignInTests(WebHostFixture host, BrowserFixture browser)
    : IClassFixture<WebHostFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_bootstrap_key_signs_in_and_the_header_shows_tenant_role_and_label()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);

        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        var header = page.Locator("header [data-testid=caller]");
        await Assertions.Expect(header).ToContainTextAsync("Network (network)");
        await Assertions.Expect(header).ToContainTextAsync("Coordinator · bootstrap");
        await Assertions.Expect(page).ToHaveTitleAsync("Dashboard · Network");

        // The session is an HttpOnly, SameSite=Strict cookie holding an opaque id: not the key, nothing in storage.
        var session = Assert.Single(await page.SessionCookiesAsync());
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.DoesNotContain(host.BootstrapKey, session.Value, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
    }

    [Fact]
    public async Task A_wrong_key_shows_the_error_and_starts_no_session()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync("nwk_not-a-key-anybody-issued");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This API key is unknown or has been revoked.");
        Assert.EndsWith("/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Empty(await page.SessionCookiesAsync());
        // The field names the problem to assistive technology too.
        await Assertions.Expect(page.GetByLabel("API key")).ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task An_empty_key_is_asked_for()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync("   ");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter your API key.");
        Assert.Empty(await page.SessionCookiesAsync());
    }

    [Fact]
    public async Task A_member_key_of_another_tenant_signs_in_to_its_own_tenant()
    {
        var tenantId = WebHostFixture.UniqueId("partner");
        await host.CreateTenantAsync(tenantId, "Partner Platform");
        var key = await host.IssueKeyAsync(tenantId, "member", "partner desk");

        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(key.Key);

        var header = page.Locator("header [data-testid=caller]");
        await Assertions.Expect(header).ToContainTextAsync($"Partner Platform ({tenantId})");
        await Assertions.Expect(header).ToContainTextAsync("Member · partner desk");
        await Assertions.Expect(header).Not.ToContainTextAsync("(network)");
    }

    [Fact]
    public async Task An_integration_key_is_refused_with_a_clear_message()
    {
        var key = await host.IssueKeyAsync(WebHostFixture.RootTenantId, "integration", "crm sync");

        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(key.Key);

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This is an integration key");
        Assert.Empty(await page.SessionCookiesAsync());
    }

    [Fact]
    public async Task A_page_asked_for_without_a_session_comes_back_after_sign_in()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.GotoAsync("/?status=open");

        Assert.Equal("/signin?returnUrl=%2F%3Fstatus%3Dopen", new Uri(page.Url).PathAndQuery);
        await page.GetByLabel("API key").FillAsync(host.BootstrapKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(DashboardWithFilter());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_shared_not_found_page_shows_inside_the_app()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.GotoAsync("/not-found");
        await page.GetByLabel("API key").FillAsync(host.BootstrapKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(NotFoundPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Not found · Network");
        await Assertions.Expect(page.Locator("header [data-testid=caller]")).ToContainTextAsync("Network (network)");
    }

    [Fact]
    public async Task A_mistyped_address_shows_the_app_not_found()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForCircuitAsync();

        await page.GotoAsync("/no-such-page");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal("/not-found", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("header [data-testid=caller]")).ToContainTextAsync("Network (network)");
    }

    [Fact]
    public async Task A_return_address_elsewhere_is_ignored()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.GotoAsync("/signin?returnUrl=" + Uri.EscapeDataString("https://example.org/steal"));
        await page.GetByLabel("API key").FillAsync(host.BootstrapKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
    }

    [Fact]
    public async Task The_sign_in_page_has_no_serious_accessibility_violations()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.GotoAsync("/signin");
        await page.AssertNoSeriousViolationsAsync();
        await Screenshots.SaveAsync(page, "signin");

        // With the error shown as well.
        await page.SignInAsync("nwk_wrong");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    }

    [GeneratedRegex(@"/\?status=open$")]
    private static partial Regex DashboardWithFilter();

    [GeneratedRegex("/not-found$")]
    private static partial Regex NotFoundPage();
}
