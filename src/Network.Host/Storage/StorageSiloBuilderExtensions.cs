using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Network.Domain;
using Network.Domain.Storage;
using Network.Domain.Telemetry;
using Network.Host.Storage.Pipeline;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;

namespace Network.Host.Storage;

/// <summary>Wires the silo's cluster identity, clustering, grain storage and reminders to the configured database.</summary>
public static class StorageSiloBuilderExtensions
{
    /// <summary>
    /// Configures <see cref="ClusterOptions"/>, clustering (localhost on SQLite, ADO.NET on PostgreSQL), TLS on the
    /// cluster's connections when <c>Cluster:Tls</c> names a certificate, ADO.NET grain
    /// storage named <see cref="StorageNames.Network"/> that writes JSON, and ADO.NET reminders.
    /// The schema must exist before the silo starts: run <see cref="SchemaMigrator.ApplyAsync"/> first.
    /// </summary>
    public static ISiloBuilder AddNetworkStorage(this ISiloBuilder silo, StorageOptions storage, ClusterSettings cluster)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(cluster);
        storage.Validate();
        cluster.Validate();
        if (cluster.Kubernetes && storage.Kind == StorageProvider.Sqlite)
        {
            throw new InvalidOperationException(
                "Cluster:Kubernetes is true but Storage:Provider is Sqlite: a cluster on Kubernetes keeps its state and membership in PostgreSQL. " +
                "Set Storage:Provider=PostgreSQL (with Storage:ConnectionString) or leave Cluster:Kubernetes unset.");
        }

        var invariant = storage.AdoNetInvariant;
        var connectionString = storage.ResolveConnectionString();

        silo.Configure<ClusterOptions>(options =>
        {
            options.ServiceId = cluster.ServiceId;
            options.ClusterId = cluster.ClusterId;
        });

        if (storage.Kind == StorageProvider.Sqlite)
        {
            // One silo per SQLite file; it is its own primary. Its ports come from configuration so that two hosts
            // (on two files) can run side by side.
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
        }
        else
        {
            var address = cluster.AdvertisedAddress;
            silo.Configure<EndpointOptions>(options =>
            {
                options.AdvertisedIPAddress = address;
                options.SiloPort = cluster.SiloPort;
                options.GatewayPort = cluster.GatewayPort;
                options.SiloListeningEndpoint = new IPEndPoint(address, cluster.SiloPort);
                options.GatewayListeningEndpoint = new IPEndPoint(address, cluster.GatewayPort);
            });
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = invariant;
                options.ConnectionString = connectionString;
            });
            if (cluster.Kubernetes)
            {
                // Membership stays in PostgreSQL; Kubernetes hosting adds pod labels and pod-deletion watching. It also
                // reads ORLEANS_SERVICE_ID / ORLEANS_CLUSTER_ID over our ids, so the chart sets those equal to ours,
                // and our EndpointOptions above stand (it fills in only what is unset).
                silo.UseKubernetesHosting();
            }
        }

        silo.UseNetworkClusterTls(cluster.Tls);

        // Grain state goes through Network's own write pipeline (group commit, append-only logs); clustering and
        // reminders stay on Orleans' ADO.NET providers.
        // The pipeline records its commit times; the metrics are registered here too, so storage works without the domain.
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<NetworkMetrics>();
        silo.Services.AddSingleton<IStateStore>(services => CreateStateStore(storage, connectionString, services));
        silo.Services.AddSingleton(services => (IStateLogReader)services.GetRequiredService<IStateStore>());
        silo.Services.AddSingleton(services => (IStateLogWriter)services.GetRequiredService<IStateStore>());
        silo.Services.AddGrainStorage(StorageNames.Network, static (services, _) => new PipelineGrainStorage(
            services.GetRequiredService<IStateStore>(),
            new JsonGrainStateSerializer(),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<IOptions<ClusterOptions>>()));

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = invariant;
            options.ConnectionString = connectionString;
        });

        return silo;
    }

    private static IStateStore CreateStateStore(StorageOptions storage, string connectionString, IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Network.Host.Storage.Pipeline");
        var metrics = services.GetRequiredService<NetworkMetrics>();
        return storage.Kind == StorageProvider.Sqlite
            ? new SqliteStateStore(connectionString, storage.Sqlite.Synchronous, storage.MaxBatch, logger, metrics)
            : new PostgresStateStore(connectionString, storage.Writers, storage.MaxBatch, logger, metrics);
    }
}
