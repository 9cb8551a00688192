using Microsoft.Playwright;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>
/// A coordinator on the tenant page issues a key that expires, sees it listed with its expiry and "not yet" used,
/// rotates it with a week's overlap (the new key shown once and given the same lifetime, the old one "replaced"), and
/// the old key still works during the overlap.
/// </summary>
public sealed class ApiKeysPageTests(WebHostFixture host, BrowserFixture browser)
    : IClassFixture<WebHostFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_issues_an_expiring_key_and_rotates_it_with_an_overlap()
    {
        var tenantId = WebHostFixture.UniqueId("keys");
        await host.CreateTenantAsync(tenantId, "Keys Platform");
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.OpenSignedInAsync(host.BaseAddress, host.BootstrapKey, $"/tenants/{tenantId}");

        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        await page.GetByTestId("key-label").FillAsync("CRM sync");
        await page.GetByTestId("key-expires").FillAsync(lastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("issued-key-value")).ToBeVisibleAsync();
        var first = await page.GetByTestId("issued-key-value").InnerTextAsync();
        var row = page.GetByTestId("keys").Locator("tbody tr", new() { HasText = "CRM sync" });
        await Assertions.Expect(row).ToContainTextAsync(lastDay.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(row).ToContainTextAsync("not yet");

        await page.GetByTestId("rotation-overlap").SelectOptionAsync("P7D");
        await row.GetByRole(AriaRole.Button, new() { Name = "Rotate the key CRM sync: issue its replacement" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("issued-key-value")).Not.ToHaveTextAsync(first);
        await Assertions.Expect(page.GetByTestId("keys").Locator("tbody tr", new() { HasText = "replaced" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("keys").Locator("tbody tr", new() { HasText = "CRM sync" })).ToHaveCountAsync(2);
        // The replacement lives as long as the key it replaced was issued for (to the end of the same day, 30 days on).
        await Assertions.Expect(page.GetByTestId("keys").Locator("tbody tr", new() { HasText = "active" }))
            .ToContainTextAsync(lastDay.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.AssertNoSeriousViolationsAsync();
        // What the window shows around the keys (a full-page picture repeats the fixed header mid-page).
        await page.GetByTestId("keys").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "tenant-keys", fullPage: false);

        // The old key still works during the overlap.
        using var old = host.Api(first);
        using var response = await old.GetAsync(new Uri($"api/tenants/{tenantId}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
