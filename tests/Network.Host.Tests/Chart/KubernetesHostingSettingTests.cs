using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Network.Host.Storage;
using Orleans.Hosting.Kubernetes;

namespace Network.Host.Tests.Chart;

/// <summary>The host side of the chart: Cluster:Kubernetes turns Orleans' Kubernetes hosting on, on PostgreSQL only.</summary>
public sealed class KubernetesHostingSettingTests
{
    [Fact]
    public void Kubernetes_hosting_is_off_unless_asked_for()
    {
        Assert.False(ClusterSettings.From(new ConfigurationBuilder().Build()).Kubernetes);
    }

    [Fact]
    public void With_sqlite_it_is_refused_with_a_message_that_names_both_settings()
    {
        var storage = new StorageOptions();
        var cluster = new ClusterSettings { Kubernetes = true };

        var error = Assert.Throws<InvalidOperationException>(() => Build(storage, cluster));

        Assert.Contains("Cluster:Kubernetes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void On_postgresql_the_kubernetes_agent_joins_the_silo_only_when_asked_for(bool kubernetes)
    {
        var storage = new StorageOptions { Provider = StorageOptions.PostgreSqlProviderName, ConnectionString = "Host=127.0.0.1;Database=unused" };
        var cluster = new ClusterSettings { Kubernetes = kubernetes };

        var services = Build(storage, cluster);

        // Registered, not started: the agent would call the API server of a cluster this test does not have.
        Assert.Equal(kubernetes, services.Any(s => s.ImplementationType == typeof(KubernetesClusterAgent)));
    }

    private static IServiceCollection Build(StorageOptions storage, ClusterSettings cluster)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.AddNetworkStorage(storage, cluster));
        return builder.Services;
    }
}
