using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Network.Host.Storage;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Storage;

/// <summary>A real Orleans silo in this process, wired by <see cref="StorageSiloBuilderExtensions.AddNetworkStorage"/>.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host, ClusterSettings cluster)
    {
        _host = host;
        Cluster = cluster;
    }

    public ClusterSettings Cluster { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Cluster settings on fresh loopback ports, with the fixed service id the host uses.</summary>
    public static ClusterSettings FreshCluster() => new()
    {
        SiloPort = FreePorts.Next(),
        GatewayPort = FreePorts.Next(),
    };

    public static async Task<TestSilo> StartAsync(
        StorageOptions storage, ClusterSettings? cluster = null, Action<ISiloBuilder>? configure = null)
    {
        cluster ??= FreshCluster();
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo =>
            {
                silo.AddNetworkStorage(storage, cluster);
                configure?.Invoke(silo);
            })
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return new TestSilo(host, cluster);
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        using var timeout = new CancellationTokenSource(StopTimeout);
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (_host is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else
            {
                _host.Dispose();
            }
        }
    }
}
