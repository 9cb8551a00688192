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

    /// <summary>Signs in with <paramref name="key"/>, lands on the dashboard, then opens <paramref name="path"/> once it is interactive.</summary>
    public static async Task OpenSignedInAsync(this IPage page, Uri baseAddress, string key, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(baseAddress);
        await page.SignInAsync(key);
        await page.WaitForURLAsync(new Uri(baseAddress, "/").ToString());
        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
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
