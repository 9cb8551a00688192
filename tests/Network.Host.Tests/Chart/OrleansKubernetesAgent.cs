namespace Network.Host.Tests.Chart;

/// <summary>
/// What Orleans' Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes 10.4.2, KubernetesClusterAgent) does with the
/// API server, read from its source: ReadNamespacedPod (get) and PatchNamespacedPod (patch) on its own pod to set the
/// orleans/serviceId and orleans/clusterId labels, ListNamespacedPod (list) and WatchListNamespacedPod (watch) on its
/// peers. DeleteNamespacedPod only with DeleteDefunctSiloPods, which Network leaves off. Nothing but pods.
/// </summary>
internal static class OrleansKubernetesAgent
{
    public static readonly IReadOnlyList<string> PodVerbs = ["get", "list", "patch", "watch"];
}
