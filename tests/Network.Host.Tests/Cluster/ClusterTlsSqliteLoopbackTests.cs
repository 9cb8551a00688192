using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.Storage;
using Network.Host.Tests.Storage;

namespace Network.Host.Tests.Cluster;

/// <summary>
/// The single-process default (SQLite, localhost clustering) needs no cluster certificate: its silo and gateway
/// ports listen on loopback only, so nothing outside the machine can reach them.
/// </summary>
public sealed class ClusterTlsSqliteLoopbackTests
{
    [Fact]
    public async Task On_sqlite_the_silo_and_gateway_listen_on_loopback_only()
    {
        using var directory = new TempDirectory("network-loopback");
        var storage = new StorageOptions { Sqlite = { Path = directory.File("network.db") } };
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);

        var silo = await TestSilo.StartAsync(storage);
        await using (silo)
        {
            foreach (var port in new[] { silo.Cluster.SiloPort, silo.Cluster.GatewayPort })
            {
                var addresses = ListeningSockets.AddressesListeningOn(port);
                Assert.NotEmpty(addresses);
                Assert.All(addresses, address => Assert.Equal(IPAddress.Loopback, address));
            }
        }
    }
}
