using Microsoft.Extensions.Options;
using Network.Domain.ReadModel;
using Network.Domain.Telemetry;
using Network.Host.Storage;
using Orleans.Configuration;

namespace Network.Host.ReadModel;

/// <summary>Registers the read model on the configured database.</summary>
public static class ReadModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons, <see cref="ICommitmentReadModel"/>, <see cref="ITenantReadModel"/>,
    /// <see cref="ICampaignReadModel"/> and <see cref="IWorkflowInstanceReadModel"/> on the database of <paramref name="storage"/>, plus <see cref="ReadModelRebuilder"/> (over every registered
    /// <see cref="IReadModelSource"/>, for the silo's <see cref="ClusterOptions.ServiceId"/>) and
    /// <see cref="ReadModelRebuildService"/>. The service is not a hosted service yet: add it after the silo with
    /// <c>services.AddHostedService(sp =&gt; sp.GetRequiredService&lt;ReadModelRebuildService&gt;())</c>.
    /// </summary>
    public static IServiceCollection AddNetworkReadModel(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storage);
        storage.Validate();
        services.AddSingleton<ICommitmentReadModel>(new SqlCommitmentReadModel(storage));
        services.AddSingleton<ITenantReadModel>(new SqlTenantReadModel(storage));
        services.AddSingleton<ICampaignReadModel>(new SqlCampaignReadModel(storage));
        // Made by a factory, not handed over as an instance: the container disposes only what it made, and disposing
        // this one (when the host is disposed, after the silo stopped) writes what its group commit still holds.
        services.AddSingleton<IWorkflowInstanceReadModel>(_ => new SqlWorkflowInstanceReadModel(storage));
        services.AddSingleton(sp => new ReadModelRebuilder(
            storage,
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            sp.GetServices<IReadModelSource>(),
            sp.GetRequiredService<ILogger<ReadModelRebuilder>>()));
        services.AddSingleton<ReadModelRebuildService>();
        // The gauges of the meter "Network" (commitments by status, open incidents) read these tables, cached.
        services.AddSingleton<IOperationalCountsSource>(new SqlOperationalCounts(storage));
        services.AddSingleton<OperationalCounts>();
        return services;
    }
}
