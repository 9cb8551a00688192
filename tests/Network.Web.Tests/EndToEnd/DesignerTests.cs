using Microsoft.Playwright;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>The workflow designer in a real browser against the built host: graph, settings, simulation, markers.</summary>
public sealed class DesignerTests(WebHostFixture host, BrowserFixture browser)
    : IClassFixture<WebHostFixture>, IClassFixture<BrowserFixture>
{
    private const string Designer = "/workflows/commitment-lifecycle/designer";

    [Fact]
    public async Task With_stallAfter_P30D_in_the_settings_a_simulation_shows_the_stall_on_day_30()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());

        await page.GotoAsync(Designer);
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Designer: commitment-lifecycle", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".workflow-step[data-step='watch-for-progress']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("g.workflow-edge--timeout").First).ToHaveAttributeAsync("stroke-dasharray", "6 4");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
        await page.GetByLabel("This tenant's value of stallAfter").FillAsync("P30D");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Settings saved.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Simulate" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Simulate", Exact = true }).ClickAsync();
        var stall = page.Locator("[data-testid=simulation-result] tr[data-kind='stalled']").First;
        // The simulation runs the whole definition on the server (90 virtual days); on a busy machine that takes seconds.
        await Assertions.Expect(stall).ToHaveAttributeAsync("data-day", "30", new() { Timeout = 60_000 });
        await Assertions.Expect(stall).ToContainTextAsync("day 30");

        // For the README: the timeline's chart under the form, with the stall on day 30.
        await page.SetViewportSizeAsync(1280, 1000);
        await page.EvaluateAsync("() => { document.querySelector('.simulation-chart').scrollIntoView({ block: 'start' }); window.scrollBy(0, -120); }");
        await Screenshots.SaveAsync(page, "designer-simulation", fullPage: false);
    }

    [Fact]
    public async Task Broken_yaml_shows_an_error_marker_at_its_line()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        await page.GotoAsync(Designer);
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator(".monaco-editor .view-lines")).ToBeVisibleAsync();

        // Line 1 is the schema comment; typing at its end adds a line 2 that is not YAML the loader accepts.
        await page.Locator(".monaco-editor .view-line").First.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("oops: [");

        var problem = page.Locator("[data-testid=yaml-problems] li").First;
        await Assertions.Expect(problem).ToBeVisibleAsync();
        var line = await problem.GetAttributeAsync("data-line");
        Assert.True(int.Parse(line!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        await Assertions.Expect(page.Locator(".monaco-editor .squiggly-error").First).ToBeAttachedAsync();
    }

    [Fact]
    public async Task A_workflow_the_tenant_does_not_run_is_not_found_for_a_member_of_another_tenant()
    {
        var tenantId = WebHostFixture.UniqueId("partner");
        await host.CreateTenantAsync(tenantId, "Partner Platform");
        var key = await host.IssueKeyAsync(tenantId, "member", "partner desk");
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(key.Key);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());

        await page.GotoAsync("/workflows/no-such-workflow/designer");
        await page.WaitForCircuitAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
    }
}
