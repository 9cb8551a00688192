using System.Net;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Telemetry;

/// <summary>A host whose scrape endpoint has a port of its own (Telemetry:Prometheus:Port), with no key.</summary>
public sealed class MetricsPortHostFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("network-metrics-port");

    public int MetricsPort { get; } = FreePorts.Next();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await HostProcess.StartAsync(HostSettings.Sqlite(_directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N")) with
        {
            Extra = new Dictionary<string, string>
            {
                ["Telemetry:Prometheus:Port"] = MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });

    public HttpClient MetricsClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{MetricsPort}/"), Timeout = TimeSpan.FromSeconds(30) };

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Dispose();
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>The metrics port serves the scrape endpoint and nothing else; the public port does not serve it.</summary>
public sealed class MetricsPortTests(MetricsPortHostFixture fixture) : IClassFixture<MetricsPortHostFixture>
{
    [Fact]
    public async Task The_metrics_port_answers_the_scrape_without_a_key()
    {
        using var metrics = fixture.MetricsClient();
        using var response = await metrics.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scrape = new PrometheusText(await response.Content.ReadAsStringAsync());
        // The start-up wrote the root tenant and the library's state through the pipeline.
        Assert.True(scrape.Sum("network_storage_commit_duration_seconds_count", ("provider", "sqlite")) > 0, scrape.Text);
    }

    [Fact]
    public async Task The_public_port_answers_404_at_the_scrape_path()
    {
        using var client = fixture.Host.CreateClient();
        using var response = await client.GetAsync(new Uri("metrics", UriKind.Relative));
        await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.NotFound);
        // Nor does a Host header naming the metrics port open it: the port the connection came in on decides.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        request.Headers.Host = $"127.0.0.1:{fixture.MetricsPort}";
        using var forged = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Theory]
    [InlineData("health/ready")]
    [InlineData("api/tenants/network")]
    [InlineData("openapi/v1.json")]
    [InlineData("")]
    public async Task The_metrics_port_serves_nothing_else(string path)
    {
        using var metrics = fixture.MetricsClient();
        using var response = await metrics.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
