using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.Storage;
using Network.Host.Tests.Infrastructure;
using Network.Host.Tests.Storage;

namespace Network.Host.Tests.Cluster;

/// <summary>
/// The small cluster's way (README): one self-signed certificate shared by every silo, no CA path. Two silos wired
/// as the host wires them (<see cref="StorageSiloBuilderExtensions.AddNetworkStorage"/>) form one cluster over TLS.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTlsSelfSignedTests(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory _directory = new("network-tls-self-signed");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Two_silos_sharing_a_self_signed_certificate_form_one_cluster()
    {
        var storage = new StorageOptions { Provider = StorageOptions.PostgreSqlProviderName, ConnectionString = await postgres.CreateDatabaseAsync() };
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        using var shared = ClusterTlsCertificates.CreateLeaf(null, "network-cluster");
        var files = ClusterTlsCertificates.Write(_directory, "shared", shared, null);

        var first = await TestSilo.StartAsync(storage, WithTls(files));
        await using (first)
        {
            var second = await TestSilo.StartAsync(storage, WithTls(files));
            await using (second)
            {
                var rows = await TestDatabase.QueryAsync(storage, "SELECT port, status FROM orleans_membership ORDER BY port");
                Assert.Equal(
                    new[] { first.Cluster.SiloPort, second.Cluster.SiloPort }.Order(),
                    rows.Select(r => Convert.ToInt32(r["port"], CultureInfo.InvariantCulture)));
                Assert.All(rows, r => Assert.Equal(3, Convert.ToInt32(r["status"], CultureInfo.InvariantCulture)));

                // A grain written through one silo reads back through the other, wherever it was placed.
                await second.Grains.GetGrain<IStorageTestGrain>("tls").SaveAsync("over TLS", 1, StorageTestColour.Grey, "n");
                Assert.Equal("over TLS", (await first.Grains.GetGrain<IStorageTestGrain>("tls").ReadAsync()).Text);
                var hosts = await first.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
                Assert.Equal(2, hosts.Count);
            }
        }
    }

    private static ClusterSettings WithTls(ClusterTlsFiles files)
    {
        var cluster = TestSilo.FreshCluster();
        cluster.Tls = files.Options;
        return cluster;
    }
}
