using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Network.Contracts.Commitments;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Telemetry;

/// <summary>A host whose scrape endpoint is on the public port, behind a bearer key.</summary>
public sealed class KeyedMetricsHostFixture : IAsyncLifetime, IDisposable
{
    public const string ScrapeKey = "scrape-key-for-the-telemetry-tests";

    private readonly TempDirectory _directory = new("network-metrics");

    public string BootstrapKey { get; } = "bootstrap-" + Guid.NewGuid().ToString("N");

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await HostProcess.StartAsync(HostSettings.Sqlite(_directory.File("network.db"), BootstrapKey) with
        {
            Extra = new Dictionary<string, string> { ["Telemetry:Prometheus:Key"] = ScrapeKey },
        });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Dispose();
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>
/// /metrics after real work: Network's counters move as instances start, events are delivered and progress is
/// recorded, the gauges follow the read model, and the endpoint answers only to the scrape key.
/// </summary>
public sealed class PrometheusEndpointTests(KeyedMetricsHostFixture fixture) : IClassFixture<KeyedMetricsHostFixture>
{
    private async Task<PrometheusText> ScrapeAsync()
    {
        using var client = fixture.Host.CreateClient(KeyedMetricsHostFixture.ScrapeKey);
        using var response = await client.GetAsync(new Uri("metrics", UriKind.Relative));
        await TestApi.EnsureStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Counters_move_with_instances_events_and_progress()
    {
        var before = await ScrapeAsync();

        using var root = fixture.Host.CreateClient(fixture.BootstrapKey);
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = fixture.Host.CreateClient(scope.CoordinatorKey);
        var commitments = await scope.ImportSessionCAsync(coordinator);
        using var progress = await coordinator.PostAsJsonAsync(
            $"api/tenants/{scope.Forum.Id}/commitments/{commitments[0]}/progress", new ReportProgressRequest("limited", "Workshops held"));
        await TestApi.EnsureStatusAsync(progress, HttpStatusCode.OK);

        const string Started = "network_workflow_instances_started_total";
        const string Delivered = "network_workflow_events_delivered_total";
        // The lifecycle instances start, and the progress reaches the first one's wait, after the answers (one-way hand-offs).
        var after = await Eventually.ReadAsync(ScrapeAsync, scrape =>
            scrape.Sum(Started, ("definition", "commitment-lifecycle")) > before.Sum(Started, ("definition", "commitment-lifecycle")) &&
            scrape.Sum(Delivered, ("event", "ProgressReported")) > before.Sum(Delivered, ("event", "ProgressReported")));

        Assert.True(after.Sum(Started, ("definition", "commitment-lifecycle")) > before.Sum(Started, ("definition", "commitment-lifecycle")), after.Text);
        Assert.True(after.Sum(Delivered, ("event", "ProgressReported")) > before.Sum(Delivered, ("event", "ProgressReported")), after.Text);
        Assert.True(after.Sum("network_storage_commit_duration_seconds_count", ("provider", "sqlite"), ("outcome", "committed")) >
            before.Sum("network_storage_commit_duration_seconds_count", ("provider", "sqlite"), ("outcome", "committed")), after.Text);
        Assert.True(after.Has("network_storage_commit_duration_seconds_bucket"), after.Text);
        // The other meters are exported beside Network's.
        Assert.True(after.Has("http_server_request_duration_seconds_count"), after.Text);
        // The runtime's, among them the managed heap an operator watches when memory grows (and the soak reads).
        Assert.True(after.Sum("dotnet_gc_last_collection_heap_size_bytes") > 0, after.Text);

        // The gauges read the read model at most every 15 s: the limited commitment shows within that.
        var gauges = await Eventually.ReadAsync(ScrapeAsync, scrape => scrape.Sum("network_commitments", ("status", "limited")) >= 1,
            TimeSpan.FromSeconds(40));
        Assert.True(gauges.Sum("network_commitments", ("status", "limited")) >= 1, gauges.Text);
        Assert.True(gauges.Has("network_workflow_incidents_open"), gauges.Text);
    }

    [Fact]
    public async Task The_endpoint_answers_only_to_the_scrape_key()
    {
        using var anonymous = fixture.Host.CreateClient();
        using var none = await anonymous.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);

        using var tenantKey = fixture.Host.CreateClient(fixture.BootstrapKey);
        using var wrong = await tenantKey.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("network_", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var scraper = fixture.Host.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KeyedMetricsHostFixture.ScrapeKey);
        using var right = await scraper.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Readiness_names_the_bus()
    {
        using var client = fixture.Host.CreateClient();
        var ready = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("health/ready");
        Assert.Equal("healthy", ready.GetProperty("components").GetProperty("bus").GetString());
        Assert.Equal("reachable", ready.GetProperty("components").GetProperty("storage").GetString());
    }
}
