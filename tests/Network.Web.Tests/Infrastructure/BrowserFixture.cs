using Microsoft.Playwright;

namespace Network.Web.Tests.Infrastructure;

/// <summary>
/// One headless chromium per test class: Debian's /usr/bin/chromium (`.ci/run` installs it), driven by the Playwright
/// driver that ships in the NuGet package. No browser is ever downloaded. Each test opens its own context (fresh
/// cookies and storage) with <see cref="NewPageAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private MachineLock? _machine;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No browser at {ChromiumPath}: install Debian's chromium (apt-get install -y chromium), as .ci/run does.");
        }
        // Not while the cluster tests fill the machine: a page's timeouts are measured in wall-clock seconds.
        _machine = await MachineLock.SharedAsync(MachineLock.HeavyLoad);
        _playwright = await Playwright.CreateAsync();
        // Expectations wait as long as actions do (Playwright's own default is 5 s): on a 2-core machine running the
        // other test projects, a page's server round trip (an upload checked row by row) can take longer than that.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A page in a fresh context (no cookies), in English unless the test asks for another language.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, int width = 1280, int height = 800, string locale = "en-US")
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        _machine?.Dispose();
    }
}
