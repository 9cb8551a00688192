using Microsoft.Extensions.DependencyInjection;
using Network.Domain;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace Network.Domain.Tests.Support;

/// <summary>One in-process Orleans cluster, with the domain's grains, filter and in-memory storage, for all grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Shared by the silo: the silo runs in this process, so tests can look at what grains wrote.</summary>
    public InMemoryReadModels ReadModels { get; } = new();

    /// <summary>Grain state and the journal and history logs, in memory, in the silo's own process.</summary>
    public InMemoryStateStorage StateStorage { get; } = new();

    /// <summary>The grains' clock; a test may shift it forward, and puts it back when done.</summary>
    public ShiftableTimeProvider Clock { get; } = new();

    public RecordingLinkTransport LinkTransport { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddGrainStorage(StorageNames.Network, (services, _) => StateStorage.Using(services.GetRequiredService<Orleans.Serialization.Serializers.IActivatorProvider>()));
            silo.Services.AddSingleton<Network.Domain.Storage.IStateLogReader>(StateStorage);
            silo.Services.AddSingleton<Network.Domain.Storage.IStateLogWriter>(StateStorage);
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton(ReadModels);
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddSingleton<ICommitmentReadModel>(ReadModels);
            silo.Services.AddSingleton<ITenantReadModel>(ReadModels);
            silo.Services.AddSingleton<IWorkflowInstanceReadModel>(ReadModels);
            silo.Services.AddSingleton<ICampaignReadModel>(ReadModels);
            silo.Services.AddSingleton<Network.Workflows.Definitions.IWorkflowDefinitions, TestWorkflowDefinitions>();
            silo.Services.AddSingleton<Network.Domain.Links.ILinkTransport>(LinkTransport);
            silo.AddNetworkDomain();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Creates a fresh root tenant (unique per test) and returns its path and coordinator key.</summary>
    public async Task<(TenantPath Root, string Key)> NewRootAsync()
    {
        var root = TenantPath.Root("root-" + Guid.NewGuid().ToString("N")[..12]);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var outcome = await Grains.GetGrain<ITenantGrain>(root.Value).EnsureRoot("Test network", null);
        return (root, outcome.GeneratedKey!);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
