using Microsoft.Playwright;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>A session left alone longer than Web:SessionIdleTimeout is over, on the server.</summary>
public sealed class IdleTimeoutTests(IdleTimeoutTests.ShortIdleHost host, BrowserFixture browser)
    : IClassFixture<IdleTimeoutTests.ShortIdleHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_idle_session_ends_and_the_next_page_is_the_sign_in_page()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());

        // Well past the 4 s: the dashboard's own loading (each call touches the session) may take a few seconds on a
        // busy machine, and idleness only starts after it.
        await Task.Delay(TimeSpan.FromSeconds(10));
        await page.GotoAsync("/");

        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator("[data-testid=caller]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Use_within_the_timeout_keeps_the_session()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());

        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await page.GotoAsync("/");
            Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        }
    }

    /// <summary>A host whose sessions end after 4 seconds without use.</summary>
    public sealed class ShortIdleHost : WebHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["Web:SessionIdleTimeout"] = "00:00:04" };
    }
}
