using System.Net;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Health;

/// <summary>/health/ready follows the storage and the message bus: 503 once either is gone, while /health/live stays 200.</summary>
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

    [Fact]
    public async Task Ready_turns_503_when_the_rabbitmq_broker_stops()
    {
        await using var broker = new RabbitMqBroker();
        await broker.LaunchAsync();
        using var directory = new TempDirectory("network-ready-bus");
        await using var host = await HostProcess.StartAsync(HostSettings.Sqlite(directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N")) with
        {
            Extra = new Dictionary<string, string>
            {
                ["Messaging:Transport"] = "RabbitMq",
                ["Messaging:RabbitMq:Host"] = broker.Host,
                ["Messaging:RabbitMq:Port"] = broker.AmqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });
        using var client = host.CreateClient();
        using (var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("\"bus\":\"healthy\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await broker.StopAsync();

        // MassTransit notices the lost connection on its own; give it the time its reconnect loop takes to report it.
        try
        {
            await AssertNotReadyButLiveAsync(client, "bus is not connected", attempts: 120);
        }
        catch (Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException(host.Output[^Math.Min(host.Output.Length, 6000)..]);
        }
        using var notReady = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
        Assert.Contains("\"bus\":\"unhealthy\"", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task AssertNotReadyButLiveAsync(HttpClient client, string reason, int attempts = 20)
    {
        HttpResponseMessage? ready = null;
        // The probe runs per request; give it a few tries in case a pooled connection answers one last time.
        for (var attempt = 0; attempt < attempts; attempt++)
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
            var body = await ready!.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"Still {(int)ready.StatusCode}: {body}");
            Assert.Contains(reason, body, StringComparison.Ordinal);
        }
        using var live = await client.GetAsync(new Uri("health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
