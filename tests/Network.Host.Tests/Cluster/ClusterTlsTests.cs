using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Host.Bootstrap;
using Network.Host.Storage;
using Network.Host.Tests.Infrastructure;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using Orleans.Runtime.Messaging;

namespace Network.Host.Tests.Cluster;

/// <summary>
/// A host whose cluster certificate is configured refuses whoever reaches its silo or gateway port without that
/// certificate: a silo with no certificate or one from another CA cannot join, an Orleans client without it cannot
/// call a grain, and the same silo and client with the cluster certificate can (so a broken TLS setup fails here).
/// The silos and the client are built in this process against the host's PostgreSQL membership table.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTlsTests(ClusterTlsHostFixture cluster) : IClassFixture<ClusterTlsHostFixture>
{
    private const int Active = 3;
    private const string TlsRefusal = "TlsServerConnectionMiddleware";

    [Fact]
    public void The_host_listens_for_silos_and_clients_on_loopback_only()
    {
        // Cluster:AdvertisedIp is not set: PostgreSQL clustering listens on loopback, like the SQLite default.
        foreach (var port in new[] { cluster.Settings.SiloPort, cluster.Settings.GatewayPort })
        {
            var addresses = ListeningSockets.AddressesListeningOn(port);
            Assert.NotEmpty(addresses);
            Assert.All(addresses, address => Assert.Equal(IPAddress.Loopback, address));
        }
    }

    [Fact]
    public async Task A_silo_without_the_certificate_is_refused_and_cannot_join()
    {
        await AssertRefusedAsync(tls: null);
    }

    [Fact]
    public async Task A_silo_with_a_certificate_from_another_ca_is_refused_and_cannot_join()
    {
        await AssertRefusedAsync(cluster.Outsider.Options);
    }

    [Fact]
    public async Task A_silo_with_the_cluster_certificate_joins_and_reaches_the_hosts_grains()
    {
        var attempt = await JoinAsync(cluster.Cluster.Options);
        await using (attempt)
        {
            Assert.Null(attempt.Error);
            Assert.Contains(Active, await cluster.MembershipStatusesAsync(attempt.SiloPort));

            // This silo hosts none of Network's grains, so the tenant directory answers from the host, over TLS (once
            // this silo has the host's manifest, which says where the grain's class is).
            var grains = attempt.Silo.Services.GetRequiredService<IGrainFactory>();
            var directory = await Eventually.ReadAsync(() => Task.FromResult(TryGetDirectory(grains)), d => d is not null);
            Assert.NotNull(directory);
            Assert.Equal(TenantPath.Root(RootTenantBootstrapper.RootId), await directory.Resolve());
        }
        await AssertHostAnswersAsync();
    }

    [Fact]
    public async Task A_client_without_the_certificate_cannot_call_a_grain_and_with_it_can()
    {
        var refusalsBefore = Occurrences(cluster.Host.Output, TlsRefusal);
        var refused = await Record.ExceptionAsync(() => CallGatewayAsync(tls: null));
        Assert.IsType<ConnectionFailedException>(refused);
        await AssertHostLoggedRefusalAsync(refusalsBefore);

        var root = await CallGatewayAsync(cluster.Cluster.Options);
        Assert.Equal(TenantPath.Root(RootTenantBootstrapper.RootId), root);

        refusalsBefore = Occurrences(cluster.Host.Output, TlsRefusal);
        var outsider = await Record.ExceptionAsync(() => CallGatewayAsync(cluster.Outsider.Options));
        Assert.IsType<ConnectionFailedException>(outsider);
        await AssertHostLoggedRefusalAsync(refusalsBefore);
        await AssertHostAnswersAsync();
    }

    private static ITenantDirectoryGrain? TryGetDirectory(IGrainFactory grains)
    {
        try
        {
            return grains.GetGrain<ITenantDirectoryGrain>(RootTenantBootstrapper.RootId);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private async Task AssertRefusedAsync(ClusterTlsOptions? tls)
    {
        var refusalsBefore = Occurrences(cluster.Host.Output, TlsRefusal);
        var attempt = await JoinAsync(tls);
        await using (attempt)
        {
            // "Failed to get ping responses from 1 of 1 active silos": it could not reach the host.
            Assert.IsType<OrleansClusterConnectivityCheckFailedException>(attempt.Error);
            Assert.DoesNotContain(Active, await cluster.MembershipStatusesAsync(attempt.SiloPort));
        }
        await AssertHostLoggedRefusalAsync(refusalsBefore);
        await AssertHostAnswersAsync();
    }

    /// <summary>The host's TLS layer logged a failed handshake since <paramref name="before"/> (its output arrives a moment later).</summary>
    private async Task AssertHostLoggedRefusalAsync(int before)
    {
        var after = await Eventually.ReadAsync(() => Task.FromResult(Occurrences(cluster.Host.Output, TlsRefusal)), count => count > before);
        Assert.True(after > before, "the host logged no refused TLS handshake:\n" + cluster.Host.Output);
    }

    /// <summary>The host is still ready and answers an authenticated request that reads a grain.</summary>
    private async Task AssertHostAnswersAsync()
    {
        using var client = cluster.CreateClient();
        using var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var root = await client.GetAsync(new Uri($"api/tenants/{RootTenantBootstrapper.RootId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
    }

    /// <summary>
    /// Starts a silo in this process with the host's membership table, service id and cluster id, on fresh loopback
    /// ports, with <paramref name="tls"/> or none. Its join attempts are cut short (a few seconds instead of Orleans'
    /// five minutes). It hosts none of Network's grains, so the host places none there if it joins.
    /// </summary>
    private async Task<SiloAttempt> JoinAsync(ClusterTlsOptions? tls)
    {
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var defaults = new ClusterSettings();
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ServiceId = defaults.ServiceId;
                    options.ClusterId = defaults.ClusterId;
                });
                silo.Configure<EndpointOptions>(options =>
                {
                    options.AdvertisedIPAddress = IPAddress.Loopback;
                    options.SiloPort = siloPort;
                    options.GatewayPort = gatewayPort;
                });
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = StorageConnectionStrings.PostgreSqlInvariant;
                    options.ConnectionString = cluster.Storage.ConnectionString;
                });
                silo.Configure<ClusterMembershipOptions>(options =>
                {
                    options.MaxJoinAttemptTime = TimeSpan.FromSeconds(6);
                    options.ProbeTimeout = TimeSpan.FromSeconds(2);
                });
                silo.Services.PostConfigure<GrainTypeOptions>(options =>
                    options.Classes.RemoveWhere(type => type.Assembly.GetName().Name?.StartsWith("Orleans", StringComparison.Ordinal) != true));
                // A refused silo is declared dead, and Orleans' own handler then ends the whole process (this test run).
                silo.Services.AddSingleton<IFatalErrorHandler, StopWithoutExiting>();
                if (tls is not null)
                {
                    silo.UseNetworkClusterTls(tls);
                }
            })
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var error = await Record.ExceptionAsync(() => host.StartAsync(timeout.Token));
        return new SiloAttempt(host, siloPort, error);
    }

    /// <summary>An Orleans client of the host's gateway port, with <paramref name="tls"/> or none, resolving the root tenant.</summary>
    private async Task<TenantPath?> CallGatewayAsync(ClusterTlsOptions? tls)
    {
        var defaults = new ClusterSettings();
        using var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleansClient(client =>
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, cluster.Settings.GatewayPort));
                client.Configure<ClusterOptions>(options =>
                {
                    options.ServiceId = defaults.ServiceId;
                    options.ClusterId = defaults.ClusterId;
                });
                client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
                // One attempt: a refused connection fails the start at once instead of being retried until the timeout.
                client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
                if (tls is not null)
                {
                    client.UseNetworkClusterTls(tls);
                }
            })
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await host.StartAsync(timeout.Token);
        try
        {
            var grains = host.Services.GetRequiredService<IClusterClient>();
            return await grains.GetGrain<ITenantDirectoryGrain>(RootTenantBootstrapper.RootId).Resolve();
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(stop.Token);
        }
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>What a silo does when it learns it is dead: nothing here (it is stopped by the test), not exit the process.</summary>
    private sealed class StopWithoutExiting : IFatalErrorHandler
    {
        public bool IsUnexpected(Exception exception) => true;

        public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
        {
        }
    }

    /// <summary>A silo that was started: <see cref="Error"/> is why it did not start, if it did not; disposing stops it.</summary>
    private sealed class SiloAttempt(IHost silo, int siloPort, Exception? error) : IAsyncDisposable
    {
        public IHost Silo { get; } = silo;

        public int SiloPort { get; } = siloPort;

        public Exception? Error { get; } = error;

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            // A silo that failed to start may fail to stop too; either way it is gone afterwards.
            _ = await Record.ExceptionAsync(() => Silo.StopAsync(timeout.Token));
            Silo.Dispose();
        }
    }
}
