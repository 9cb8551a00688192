using System.Net;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Health;

/// <summary>/health/ready follows the storage: 503 once it is gone, while /health/live stays 200.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_turns_503_when_the_sqlite_file_disappears()
    {
        using var directory = new TempDirectory("network-ready");
        var database = directory.File("network.db");
        await using var host = await HostProcess.StartAsync(HostSettings.Sqlite(database, "bootstrap-" + Guid.NewGuid().ToString("N")));
        using var client = host.CreateClient();

        foreach (var file in Directory.GetFiles(directory.Path))
        {
            File.Delete(file);
        }

        await AssertNotReadyButLiveAsync(client, "storage is not reachable");
    }

    [Fact]
    public async Task Ready_turns_503_when_postgresql_stops()
    {
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        try
        {
            var connectionString = await postgres.CreateDatabaseAsync("ready_" + Guid.NewGuid().ToString("N")[..8]);
            await using var host = await HostProcess.StartAsync(HostSettings.Postgres(connectionString, "bootstrap-" + Guid.NewGuid().ToString("N")));
            using var client = host.CreateClient();

            await postgres.DisposeAsync();

            await AssertNotReadyButLiveAsync(client, "storage is not reachable");
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private static async Task AssertNotReadyButLiveAsync(HttpClient client, string reason)
    {
        HttpResponseMessage? ready = null;
        // The probe runs per request; give it a few tries in case a pooled connection answers one last time.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            ready?.Dispose();
            ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
            if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                break;
            }
            await Task.Delay(250);
        }
        using (ready)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready!.StatusCode);
            Assert.Contains(reason, await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var live = await client.GetAsync(new Uri("health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
