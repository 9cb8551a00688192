using System.Net;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Web;

/// <summary>
/// The embedded default (one SQLite file): a browser signed in before a crash is still signed in after the restart,
/// because its session and the keys that encrypted its cookie are in the database, not in the process.
/// </summary>
public sealed class WebSessionRestartTests
{
    [Fact]
    public async Task A_web_session_survives_a_sigkill_and_restart_on_sqlite()
    {
        using var directory = new TempDirectory("network-web-restart");
        var settings = HostSettings.Sqlite(directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N"));
        var browser = new FormBrowser();

        await using (var first = await HostProcess.StartAsync(settings))
        {
            await browser.SignInAsync(first.BaseAddress, settings.BootstrapKey!);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(first.BaseAddress, "/")).Status);
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(settings);
        var (status, page) = await browser.GetAsync(second.BaseAddress, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        // Still signed in: the page has the header's sign-out form, which only a session gets.
        Assert.Contains("action=\"/signout\"", page, StringComparison.Ordinal);
    }
}
