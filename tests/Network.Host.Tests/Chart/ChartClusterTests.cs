using YamlDotNet.RepresentationModel;

namespace Network.Host.Tests.Chart;

/// <summary>What the silos need to find each other under Orleans' Kubernetes hosting.</summary>
public sealed class ChartClusterTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task Pods_carry_the_orleans_labels_with_the_hosts_ids(string name)
    {
        var render = await chart.RenderAsync(name);
        var labels = render.One("Deployment").Map("spec").Map("template").Map("metadata").Map("labels").Strings();
        var environment = render.Environment;

        // KubernetesClusterAgent lists its peers by these labels: they must equal the ids the silo runs with.
        Assert.Equal(environment.Value("Cluster__ServiceId"), labels["orleans/serviceId"]);
        Assert.Equal(environment.Value("Cluster__ClusterId"), labels["orleans/clusterId"]);
        // Kubernetes hosting reads these over our ids; they must say the same.
        Assert.Equal(environment.Value("Cluster__ServiceId"), environment.Value("ORLEANS_SERVICE_ID"));
        Assert.Equal(environment.Value("Cluster__ClusterId"), environment.Value("ORLEANS_CLUSTER_ID"));
    }

    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task The_silo_runs_under_kubernetes_hosting_on_postgresql_at_the_pods_address(string name)
    {
        var environment = (await chart.RenderAsync(name)).Environment;

        Assert.Equal("true", environment.Value("Cluster__Kubernetes"));
        Assert.Equal("PostgreSQL", environment.Value("Storage__Provider"));
        Assert.Equal("RabbitMq", environment.Value("Messaging__Transport"));
        Assert.Equal("status.podIP", environment["Cluster__AdvertisedIp"].FieldPath);
        Assert.Equal("status.podIP", environment["POD_IP"].FieldPath);
        Assert.Equal("metadata.name", environment["POD_NAME"].FieldPath);
        Assert.Equal("metadata.namespace", environment["POD_NAMESPACE"].FieldPath);
    }

    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task The_cluster_certificate_is_mounted_read_only_and_its_paths_are_set(string name)
    {
        var render = await chart.RenderAsync(name);
        var environment = render.Environment;
        var volume = render.PodSpec.Seq("volumes").Maps().Single(v => v.Text("name") == "cluster-tls");
        var mount = render.Container.Seq("volumeMounts").Maps().Single(m => m.Text("name") == "cluster-tls");
        var folder = mount.Text("mountPath");

        Assert.Equal("true", mount.Text("readOnly"));
        Assert.Equal($"{folder}/tls.crt", environment.Value("Cluster__Tls__CertificatePath"));
        Assert.Equal($"{folder}/tls.key", environment.Value("Cluster__Tls__KeyPath"));
        Assert.Equal($"{folder}/ca.crt", environment.Value("Cluster__Tls__CertificateAuthorityPath"));
        var secretName = volume.Map("secret").Text("secretName");
        Assert.False(string.IsNullOrWhiteSpace(secretName));
        // With cert-manager, the Certificate writes exactly the Secret the pods mount.
        foreach (var certificate in render.OfKind("Certificate"))
        {
            Assert.Equal(secretName, certificate.Map("spec").Text("secretName"));
        }
    }

    [Fact]
    public async Task A_render_without_a_cluster_certificate_secret_stops_with_a_message()
    {
        var render = await chart.AttemptAsync(new ChartCase("no-cluster-tls", [], ["clusterTls.secretName="]));

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("clusterTls.secretName is empty", render.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task The_role_grants_exactly_the_pod_verbs_orleans_kubernetes_hosting_uses_to_the_pods_account(string name)
    {
        var render = await chart.RenderAsync(name);
        var rule = Assert.Single(render.One("Role").Seq("rules").Maps());

        Assert.Equal([""], rule.Seq("apiGroups").Texts());
        Assert.Equal(["pods"], rule.Seq("resources").Texts());
        Assert.Equal(OrleansKubernetesAgent.PodVerbs, rule.Seq("verbs").Texts().Order(StringComparer.Ordinal));

        var binding = render.One("RoleBinding");
        Assert.Equal(render.One("Role").Map("metadata").Text("name"), binding.Map("roleRef").Text("name"));
        var subject = Assert.Single(binding.Seq("subjects").Maps());
        Assert.Equal("ServiceAccount", subject.Text("kind"));
        Assert.Equal(render.PodSpec.Text("serviceAccountName"), subject.Text("name"));
        Assert.Equal(HelmTemplate.Namespace, subject.Text("namespace"));
        Assert.Equal(subject.Text("name"), render.One("ServiceAccount").Map("metadata").Text("name"));
    }

    [Fact]
    public async Task The_pod_disruption_budget_lets_one_silo_go_at_a_time()
    {
        var render = await chart.RenderAsync(ChartCase.Default);
        var budget = render.One("PodDisruptionBudget").Map("spec");

        Assert.Equal("1", budget.Text("maxUnavailable"));
        Assert.Equal(
            render.One("Deployment").Map("spec").Map("selector").Map("matchLabels").Strings(),
            budget.Map("selector").Map("matchLabels").Strings());
    }

    [Fact]
    public async Task The_container_runs_as_the_images_app_user_on_a_read_only_root_with_a_writable_tmp()
    {
        var render = await chart.RenderAsync(ChartCase.Default);
        var security = render.Container.Map("securityContext");

        Assert.Equal("true", render.PodSpec.Map("securityContext").Text("runAsNonRoot"));
        Assert.Equal("1654", render.PodSpec.Map("securityContext").Text("runAsUser"));
        Assert.Equal("true", security.Text("readOnlyRootFilesystem"));
        var tmp = render.Container.Seq("volumeMounts").Maps().Single(m => m.Text("mountPath") == "/tmp");
        var volume = render.PodSpec.Seq("volumes").Maps().Single(v => v.Text("name") == tmp.Text("name"));
        Assert.IsType<YamlMappingNode>(volume.Find("emptyDir"));
    }
}
