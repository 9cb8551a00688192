using Microsoft.Playwright;

namespace Network.Web.Tests.Infrastructure;

/// <summary>The sign-in steps a person takes, so tests read as what they check.</summary>
public static class SignInSteps
{
    public static async Task SignInAsync(this IPage page, string key)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/signin");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Waits until the interactive circuit is up (MudBlazor's drawer toggles only then).</summary>
    public static async Task WaitForCircuitAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // The layout marks main once the circuit renders interactively: before that, typing into the prerendered
        // page is lost (no handler is attached yet).
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('main[data-circuit=ready]') !== null");
    }

    public static async Task<IReadOnlyList<BrowserContextCookiesResult>> SessionCookiesAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var cookies = await page.Context.CookiesAsync();
        return cookies.Where(c => c.Name == ".Network.Session").ToList();
    }
}
