using Microsoft.Playwright;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>The app's frame: languages, narrow screens, keyboard and accessibility.</summary>
public sealed class ShellTests(WebHostFixture host, BrowserFixture browser)
    : IClassFixture<WebHostFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Choosing_French_in_the_header_shows_the_French_shell()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForCircuitAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mes tâches" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header [data-testid=caller]")).ToContainTextAsync("Coordination · bootstrap");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Français" })).ToHaveAttributeAsync("aria-pressed", "true");
        // Still signed in: the language is a preference, not a new session.
        Assert.Single(await page.SessionCookiesAsync());
    }

    [Fact]
    public async Task Without_a_choice_the_browser_language_decides()
    {
        var page = await browser.NewPageAsync(host.BaseAddress, locale: "es-ES");
        await page.GotoAsync("/signin");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Iniciar sesión", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Clave de API")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_dashboard_shell_has_no_serious_accessibility_violations()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForCircuitAsync();

        await page.AssertNoSeriousViolationsAsync();
        await Screenshots.SaveAsync(page, "shell");
    }

    [Fact]
    public async Task At_360_pixels_the_page_does_not_scroll_sideways_and_the_menu_opens()
    {
        var page = await browser.NewPageAsync(host.BaseAddress, width: 360, height: 740);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForCircuitAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 360 px");
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        var drawer = page.Locator("#app-navigation");
        await Assertions.Expect(drawer.GetByRole(AriaRole.Link, new() { Name = "Campaigns" })).ToBeVisibleAsync();
        // The header's caller details move into the drawer on a phone.
        await Assertions.Expect(drawer.Locator("[data-testid=caller]")).ToContainTextAsync("Coordinator · bootstrap");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 360 px with the menu open");
        await page.AssertNoSeriousViolationsAsync();
        await Screenshots.SaveAsync(page, "shell-phone");
    }

    [Fact]
    public async Task The_keyboard_reaches_the_content_first_through_the_skip_link()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForCircuitAsync();

        // The skip link is the first stop of the tab order. (After a page loads, focus is on its heading, which
        // FocusOnNavigate moves there; the skip link serves whoever starts from the top.)
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        Assert.True(await page.EvaluateAsync<bool>(
            "() => document.querySelector('a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex=\"-1\"])')?.classList.contains('skip-link') === true"),
            "the skip link is not the first focusable element");
        await skip.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // Focus lands in the content (the main landmark or its page heading), not in the header or the navigation.
        await Assertions.Expect(page.Locator("main#main")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('main#main') !== null");
    }
}
