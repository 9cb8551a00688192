namespace Network.Host.Tests.Chart;

/// <summary>The Service and Ingress carry the web app only, and keep a browser's Blazor circuit on one pod.</summary>
public sealed class ChartServiceTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task The_service_exposes_the_http_port_and_neither_the_silo_nor_the_gateway_port(string name)
    {
        var render = await chart.RenderAsync(name);
        var spec = render.One("Service").Map("spec");
        var environment = render.Environment;
        var clusterPorts = new[] { environment.Value("Cluster__SiloPort"), environment.Value("Cluster__GatewayPort") };

        Assert.Equal("ClusterIP", spec.Text("type"));
        var port = Assert.Single(spec.Seq("ports").Maps());
        Assert.Equal("http", port.Text("targetPort"));
        Assert.DoesNotContain(port.Text("port"), clusterPorts);
        Assert.Equal("ClientIP", spec.Text("sessionAffinity"));
    }

    [Fact]
    public async Task The_ingress_is_off_by_default_and_gives_cookie_affinity_when_on()
    {
        Assert.Empty((await chart.RenderAsync(ChartCase.Default)).OfKind("Ingress"));

        var ingress = (await chart.RenderAsync(ChartCase.ThreeReplicas)).One("Ingress");
        var annotations = ingress.Map("metadata").Map("annotations").Strings();
        Assert.Equal("cookie", annotations["nginx.ingress.kubernetes.io/affinity"]);
        var backend = ingress.Map("spec").Seq("rules").Maps().Single().Map("http").Seq("paths").Maps().Single().Map("backend").Map("service");
        Assert.Equal("http", backend.Map("port").Text("name"));
    }
}
