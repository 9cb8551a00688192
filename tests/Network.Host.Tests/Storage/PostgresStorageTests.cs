using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using Network.Host.Storage;
using Network.Host.Tests.Infrastructure;
using Npgsql;

namespace Network.Host.Tests.Storage;

/// <summary>The storage contract on a real, throwaway PostgreSQL server, plus ADO.NET clustering.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresServer server) : StorageProviderContractTests
{
    internal static readonly string[] ClusteringKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];

    protected override IReadOnlyCollection<string> ExpectedQueryKeys => [.. ClusteringKeys, .. StorageKeys, .. ReminderKeys];

    protected override string PayloadTypeSql => "SELECT pg_typeof(payload_json)::text FROM orleans_grain_state WHERE grain_id_string = @key";

    protected override string ExpectedPayloadType => "json";

    protected override async Task<StorageOptions> FreshStorageAsync() => new()
    {
        Provider = "PostgreSQL",
        ConnectionString = await server.CreateDatabaseAsync(),
    };

    [Fact]
    public async Task A_second_silo_joins_the_first_through_the_membership_table()
    {
        var storage = await FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);

        var first = await TestSilo.StartAsync(storage);
        await using (first)
        {
            var second = await TestSilo.StartAsync(storage);
            await using (second)
            {
                var rows = await TestDatabase.QueryAsync(storage,
                    "SELECT port, proxy_port, status FROM orleans_membership ORDER BY port");
                Assert.Equal(
                    new[] { first.Cluster.SiloPort, second.Cluster.SiloPort }.Order(),
                    rows.Select(r => Convert.ToInt32(r["port"], CultureInfo.InvariantCulture)));
                Assert.All(rows, r => Assert.Equal(3, Convert.ToInt32(r["status"], CultureInfo.InvariantCulture)));

                // Both silos see each other as active members of one cluster.
                var management = first.Grains.GetGrain<IManagementGrain>(0);
                var hosts = await management.GetHosts(onlyActive: true);
                Assert.Equal(2, hosts.Count);

                // Grain calls work from either silo, wherever the grain lands.
                await second.Grains.GetGrain<IStorageTestGrain>("joined").SaveAsync("from the second silo", 1, StorageTestColour.Grey, "n");
                Assert.Equal("from the second silo", (await first.Grains.GetGrain<IStorageTestGrain>("joined").ReadAsync()).Text);
            }
        }

        var version = await TestDatabase.QueryAsync(storage, "SELECT deployment_id, version FROM orleans_membership_version");
        var row = Assert.Single(version);
        Assert.Equal("network", row["deployment_id"]);
        Assert.True(Convert.ToInt32(row["version"], CultureInfo.InvariantCulture) >= 4);
    }

    [Fact]
    public async Task The_membership_table_follows_the_version_protocol_and_cleans_up_dead_silos()
    {
        var storage = await FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = "contract", ServiceId = "network" }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = storage.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true); // a second silo starting: no harm

        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var now = DateTime.UtcNow;
        MembershipEntry Entry(int port, SiloStatus status) => new()
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 17),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = port + 1,
            StartTime = now.AddMinutes(-10),
            IAmAliveTime = now.AddMinutes(-10),
        };
        var first = Entry(2000, SiloStatus.Active);
        var second = Entry(2010, SiloStatus.Joining);

        Assert.True(await table.InsertRowAsync(first, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(second, empty.Version.Next()));   // stale version
        var afterFirst = await table.ReadAllAsync();
        Assert.False(await table.InsertRowAsync(first, afterFirst.Version.Next())); // already there
        Assert.Equal(afterFirst.Version, (await table.ReadAllAsync()).Version);    // ...and the version did not move
        Assert.True(await table.InsertRowAsync(second, afterFirst.Version.Next()));

        var all = await table.ReadAllAsync();
        Assert.Equal(2, all.Members.Count);
        Assert.Equal(2, all.Version.Version);
        var gatewayList = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = "Npgsql", ConnectionString = storage.ConnectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = "contract", ServiceId = "network" }));
        await gatewayList.InitializeGatewayListProviderAsync();
        var gateway = Assert.Single(await gatewayList.GetGatewaysAsync()); // only the active silo is a gateway
        Assert.Equal(first.ProxyPort, gateway.Port);

        var row = await table.ReadRowAsync(first.SiloAddress);
        var (read, etag) = Assert.Single(row.Members);
        Assert.Equal(first.SiloAddress, read.SiloAddress);
        Assert.Equal("silo-2000", read.SiloName);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal(DateTimeKind.Utc, read.StartTime.Kind);
        Assert.InRange((read.StartTime - first.StartTime).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        var nobody = await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 9999, 1));
        Assert.Empty(nobody.Members);
        Assert.Equal(all.Version, nobody.Version);

        // The second silo suspects the first, then declares it dead.
        read.AddOrUpdateSuspector(second.SiloAddress, now.AddMinutes(-9), 2);
        read.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(read, etag, afterFirst.Version.Next())); // stale version
        Assert.True(await table.UpdateRowAsync(read, etag, row.Version.Next()));
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = second.SiloAddress, IAmAliveTime = now });

        var updated = await table.ReadAllAsync();
        var dead = updated.Members.Single(m => m.Item1.SiloAddress.Equals(first.SiloAddress)).Item1;
        Assert.Equal(SiloStatus.Dead, dead.Status);
        Assert.NotNull(dead.SuspectTimes);
        var suspicion = Assert.Single(dead.SuspectTimes);
        Assert.Equal(second.SiloAddress, suspicion.Item1);
        var alive = updated.Members.Single(m => m.Item1.SiloAddress.Equals(second.SiloAddress)).Item1;
        Assert.InRange((alive.IAmAliveTime - now).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));

        // Dead silos older than the cut-off go; live ones stay, however old.
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(-1));
        var cleaned = await table.ReadAllAsync();
        Assert.Equal(second.SiloAddress, Assert.Single(cleaned.Members).Item1.SiloAddress);

        await table.DeleteMembershipTableEntriesAsync("contract");
        Assert.Empty(await TestDatabase.QueryAsync(storage, "SELECT 1 FROM orleans_membership_version WHERE deployment_id = 'contract'"));
        Assert.Empty(await TestDatabase.QueryAsync(storage, "SELECT 1 FROM orleans_membership WHERE deployment_id = 'contract'"));
    }

    [Fact]
    public async Task The_probe_says_no_when_nothing_listens()
    {
        var storage = new StorageOptions
        {
            Provider = "PostgreSQL",
            ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Port = FreePorts.Next() }.ConnectionString,
        };
        var probe = new StorageProbe(storage, NullLogger<StorageProbe>.Instance);

        Assert.False(await probe.IsReachableAsync(CancellationToken.None));
    }
}
