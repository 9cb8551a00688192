using YamlDotNet.RepresentationModel;

namespace Network.Host.Tests.Chart;

/// <summary>
/// The Prometheus scrape endpoint has a port of its own in the pod (Telemetry:Prometheus:Port, src/Network.Host/Telemetry),
/// never on the Service, with the scrape annotations and a NetworkPolicy rule; metrics.enabled=false takes all of it away.
/// </summary>
public sealed class ChartMetricsTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    private static readonly ChartCase MetricsOff = new("metrics-off", [], ["metrics.enabled=false"]);

    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task The_metrics_port_is_the_hosts_scrape_port_and_not_on_the_service(string name)
    {
        var render = await chart.RenderAsync(name);
        var metrics = render.Container.Seq("ports").Maps().Single(p => p.Text("name") == "metrics");
        var port = metrics.Text("containerPort");
        Assert.Equal(port, render.Environment.Value("Telemetry__Prometheus__Port"));
        Assert.Equal("/metrics", render.Environment.Value("Telemetry__Prometheus__Path"));

        var annotations = render.One("Deployment").Map("spec").Map("template").Map("metadata").Map("annotations").Strings();
        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal(port, annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);

        var servicePorts = render.One("Service").Map("spec").Seq("ports").Maps().ToList();
        Assert.DoesNotContain(servicePorts, p => p.Text("targetPort") is "metrics" || p.Text("port") == port);

        var rules = render.One("NetworkPolicy").Map("spec").Seq("ingress").Maps();
        Assert.Contains(rules, rule => rule.Find("ports") is YamlSequenceNode ports && ports.Maps().Any(p => p.Text("port") == "metrics"));
    }

    [Fact]
    public async Task Metrics_off_leaves_no_port_setting_or_annotation()
    {
        var render = await chart.RenderAsync(MetricsOff);
        Assert.DoesNotContain(render.Container.Seq("ports").Maps(), p => p.Text("name") == "metrics");
        Assert.False(render.Environment.Has("Telemetry__Prometheus__Port"));
        var annotations = render.One("Deployment").Map("spec").Map("template").Map("metadata").Map("annotations").Strings();
        Assert.DoesNotContain("prometheus.io/scrape", annotations.Keys);
        var rules = render.One("NetworkPolicy").Map("spec").Seq("ingress").Maps();
        Assert.DoesNotContain(rules, rule => rule.Find("ports") is YamlSequenceNode ports && ports.Maps().Any(p => p.Text("port") == "metrics"));
    }
}
