namespace Network.Host.Tests.Chart;

/// <summary>
/// One way of rendering helm/network: values files (relative to the chart) and --set pairs. The cases are the ones CI
/// lints and validates, plus the ones only a test needs.
/// </summary>
public sealed record ChartCase(string Name, IReadOnlyList<string> ValuesFiles, IReadOnlyList<string> Sets)
{
    /// <summary>The chart's own defaults.</summary>
    public static readonly ChartCase Default = new("default", [], []);

    /// <summary>External PostgreSQL over TLS (ci/postgres-tls-values.yaml).</summary>
    public static readonly ChartCase PostgresTls = new("postgres-tls", ["ci/postgres-tls-values.yaml"], []);

    /// <summary>Three replicas, autoscaling, Ingress and cert-manager (ci/three-replicas-autoscaling-values.yaml).</summary>
    public static readonly ChartCase ThreeReplicas = new("three-replicas", ["ci/three-replicas-autoscaling-values.yaml"], []);

    /// <summary>The cases CI renders: every property that matters must hold in each.</summary>
    public static readonly IReadOnlyList<ChartCase> Ci = [Default, PostgresTls, ThreeReplicas];

    /// <summary>Names of the cases in <see cref="Ci"/>, for [MemberData].</summary>
    public static TheoryData<string> CiNames => [.. Ci.Select(c => c.Name)];

    public static ChartCase Named(string name) => Ci.Single(c => c.Name == name);

    public override string ToString() => Name;
}
