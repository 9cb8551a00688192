using System.Net;
using Network.Domain;
using Orleans.Configuration;

namespace Network.Host.Storage;

/// <summary>Wires the silo's cluster identity, clustering, grain storage and reminders to the configured database.</summary>
public static class StorageSiloBuilderExtensions
{
    /// <summary>
    /// Configures <see cref="ClusterOptions"/>, clustering (localhost on SQLite, ADO.NET on PostgreSQL), ADO.NET grain
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
        }

        silo.AddAdoNetGrainStorage(StorageNames.Network, options =>
        {
            options.Invariant = invariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new JsonGrainStateSerializer();
        });

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = invariant;
            options.ConnectionString = connectionString;
        });

        return silo;
    }
}
