using YamlDotNet.RepresentationModel;

namespace Network.Host.Tests.Chart;

/// <summary>The probes ask the host's own health endpoints (Health/HealthEndpoints.cs), on the http port.</summary>
public sealed class ChartProbeTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task Liveness_and_startup_ask_health_live_and_readiness_asks_health_ready_on_the_http_port(string name)
    {
        var render = await chart.RenderAsync(name);
        var container = render.Container;

        AssertProbe(container, "startupProbe", "/health/live");
        AssertProbe(container, "livenessProbe", "/health/live");
        AssertProbe(container, "readinessProbe", "/health/ready");
        // The http port is the one Kestrel listens on.
        var http = container.Seq("ports").Maps().Single(p => p.Text("name") == "http");
        Assert.Equal($"http://+:{http.Text("containerPort")}", render.Environment.Value("ASPNETCORE_URLS"));
    }

    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task The_startup_probe_gives_the_first_start_minutes(string name)
    {
        var probe = (await chart.RenderAsync(name)).Container.Map("startupProbe");

        // Schema scripts, the silo's join and the read model's catch-up all come before the web server answers.
        var seconds = int.Parse(probe.Text("periodSeconds"), System.Globalization.CultureInfo.InvariantCulture)
            * int.Parse(probe.Text("failureThreshold"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(seconds >= 120, $"{name}: the startup probe allows only {seconds} s.");
    }

    private static void AssertProbe(YamlMappingNode container, string probe, string path)
    {
        var httpGet = container.Map(probe).Map("httpGet");
        Assert.Equal(path, httpGet.Text("path"));
        Assert.Equal("http", httpGet.Text("port"));
    }
}
