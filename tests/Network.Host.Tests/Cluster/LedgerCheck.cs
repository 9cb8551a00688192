using System.Net.Http.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Tenants;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Cluster;

/// <summary>After a load: everything the cluster acknowledged is there, exactly once, read through any silo.</summary>
public static class LedgerCheck
{
    /// <summary>Broker-confirmed messages are consumed after the fact; this is how long they may take to be applied.</summary>
    private static readonly TimeSpan BusPatience = TimeSpan.FromSeconds(60);

    public static async Task VerifyAsync(ThreeSiloCluster cluster, ClusterLoad load, string run)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(load);
        var commitments = load.Progress.Keys.Union(load.Published.Keys).ToList();
        foreach (var (commitment, turn) in commitments.Select((c, i) => (c, i)))
        {
            var acknowledged = load.Progress.TryGetValue(commitment, out var notes) ? notes.ToHashSet() : [];
            var published = load.Published.TryGetValue(commitment, out var sent) ? sent.ToHashSet() : [];
            var client = cluster.Client(cluster.InRotation()[turn % cluster.InRotation().Count], cluster.Scope.CoordinatorKey);
            var recorded = await Eventually.ReadAsync(async () =>
            {
                var history = (await client.GetFromJsonAsync<List<HistoryEntryResource>>($"api/tenants/{cluster.Scope.Forum.Id}/commitments/{commitment}/history"))!;
                return history.Where(h => h.Kind == "progress" && h.Note is { } note && note.StartsWith(run + " ", StringComparison.Ordinal))
                    .Select(h => h.Note!).ToList();
            }, r => published.IsSubsetOf(r), BusPatience);

            // Nothing acknowledged is lost; every message TMP's system sent is applied; nothing is applied twice.
            Assert.Subset(recorded.ToHashSet(), acknowledged);
            Assert.Subset(recorded.ToHashSet(), published);
            Assert.Equal(recorded.Count, recorded.Distinct().Count());
        }

        var anyone = cluster.Client(cluster.InRotation()[0], ThreeSiloCluster.BootstrapKey);
        var children = (await anyone.GetFromJsonAsync<List<TenantResource>>($"api/tenants/{cluster.Scope.Forum.Id}/children"))!
            .Select(c => c.Id).ToHashSet();
        Assert.Subset(children, load.Tenants.ToHashSet());
    }
}
