using Microsoft.Extensions.Options;
using Network.Domain.ReadModel;
using Network.Domain.Telemetry;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
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
        // On SQLite the lists are written by the state pipeline's writer when the silo has one (the host's), so the
        // file has one writing connection; see ReadModelDialect.WriteAsync.
        services.AddSingleton<ICommitmentReadModel>(sp => new SqlCommitmentReadModel(Dialect(sp, storage)));
        services.AddSingleton<ITenantReadModel>(sp => new SqlTenantReadModel(Dialect(sp, storage)));
        services.AddSingleton<ICampaignReadModel>(sp => new SqlCampaignReadModel(Dialect(sp, storage)));
        // Made by a factory, not handed over as an instance: the container disposes only what it made, and disposing
        // this one (when the host is disposed, after the silo stopped) writes what its group commit still holds.
        services.AddSingleton<IWorkflowInstanceReadModel>(sp => new SqlWorkflowInstanceReadModel(Dialect(sp, storage)));
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

    private static ReadModelDialect Dialect(IServiceProvider services, StorageOptions storage) =>
        ReadModelDialect.For(storage, services.GetService<IStateStore>());
}
