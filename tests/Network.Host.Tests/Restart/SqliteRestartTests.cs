using System.Net;
using System.Text.RegularExpressions;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Restart;

public sealed partial class SqliteRestartTests
{
    [Fact]
    public async Task Everything_written_survives_a_sigkill()
    {
        using var directory = new TempDirectory("network-restart");
        await RestartScenario.RunAsync(HostSettings.Sqlite(directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task Without_a_bootstrap_key_one_is_generated_and_printed_once()
    {
        using var directory = new TempDirectory("network-generated");
        var settings = HostSettings.Sqlite(directory.File("network.db"), bootstrapKey: null);
        string key;
        await using (var first = await HostProcess.StartAsync(settings))
        {
            var printed = GeneratedKeyLine().Matches(first.Output);
            key = Assert.Single(printed).Groups["key"].Value;
            using var root = first.CreateClient(key);
            Assert.Equal(HttpStatusCode.OK, (await root.GetAsync(new Uri("api/tenants/network", UriKind.Relative))).StatusCode);
        }

        await using var second = await HostProcess.StartAsync(settings);
        Assert.Empty(GeneratedKeyLine().Matches(second.Output));
        using var rootAgain = second.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await rootAgain.GetAsync(new Uri("api/tenants/network", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_sqlite_file_goes_where_the_setting_says()
    {
        using var directory = new TempDirectory("network-path");
        var path = Path.Combine(directory.Path, "nested", "state.db");
        await using var host = await HostProcess.StartAsync(HostSettings.Sqlite(path, "bootstrap-" + Guid.NewGuid().ToString("N")));
        Assert.True(File.Exists(path), $"expected the database at {path}");
    }

    [GeneratedRegex("shown this once: (?<key>nwk_[A-Za-z0-9_-]+)")]
    private static partial Regex GeneratedKeyLine();
}
