using System.Net;
using System.Text;
using System.Text.Json;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Telemetry;

/// <summary>
/// A host exporting over OTLP/HTTP (protobuf) to <see cref="OtlpReceiver"/>, set by the standard variables only, and
/// writing its console log as JSON with the request's trace id.
/// </summary>
public sealed class OtlpHostFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("network-otlp");

    public string ServiceName { get; } = "network-otlp-" + Guid.NewGuid().ToString("N")[..8];

    public OtlpReceiver Receiver { get; private set; } = null!;

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        Host = await HostProcess.StartAsync(HostSettings.Sqlite(_directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N")) with
        {
            Environment = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = ServiceName,
                // Export within the test's patience (defaults: metrics every 60 s, spans batched for 5 s).
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            },
            Extra = new Dictionary<string, string>
            {
                ["Logging:Console:FormatterName"] = "json",
                // ASP.NET Core's "Request starting" line, written inside the request's activity.
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
        Dispose();
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>Traces and metrics reach an OTLP collector; a request's trace id is in the exported spans and in the JSON log.</summary>
public sealed class OtlpExportTests(OtlpHostFixture fixture) : IClassFixture<OtlpHostFixture>
{
    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_requests_trace_reaches_the_collector_and_the_json_log()
    {
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("health/ready", UriKind.Relative));
        request.Headers.Add("traceparent", $"00-{traceId}-{"b7ad6b7169203331"}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The span of that request, in a protobuf body: the trace id as its 16 raw bytes, the names as UTF-8.
        var traces = await Eventually.ReadAsync(() => Task.FromResult(fixture.Receiver.Received("traces")),
            bodies => bodies.Any(b => Contains(b.Body, Convert.FromHexString(traceId))), TimeSpan.FromSeconds(30));
        var span = traces.FirstOrDefault(b => Contains(b.Body, Convert.FromHexString(traceId)));
        Assert.True(span.Body is not null, $"No exported span carries trace {traceId} ({traces.Count} trace exports).");
        Assert.Equal("application/x-protobuf", span.ContentType);
        Assert.True(Contains(span.Body, Utf8(fixture.ServiceName)), "The span's resource does not name the service.");
        Assert.True(Contains(span.Body, Utf8("health/ready")), "The span does not name the request's route.");

        var line = await Eventually.ReadAsync(() => Task.FromResult(LogLineWith(traceId)), found => found is not null);
        Assert.True(line is not null, $"No JSON log line carries trace {traceId}:\n{fixture.Host.Output}");
        using var json = JsonDocument.Parse(line);
        var scopes = json.RootElement.GetProperty("Scopes").EnumerateArray();
        Assert.Contains(scopes, scope => scope.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
    }

    [Fact]
    public async Task Metrics_reach_the_collector_with_the_service_name()
    {
        var metrics = await Eventually.ReadAsync(() => Task.FromResult(fixture.Receiver.Received("metrics")),
            bodies => bodies.Any(b => Contains(b.Body, Utf8("network.storage.commit.duration"))), TimeSpan.FromSeconds(30));
        var export = metrics.FirstOrDefault(b => Contains(b.Body, Utf8("network.storage.commit.duration")));
        Assert.True(export.Body is not null, $"No metrics export names network.storage.commit.duration ({metrics.Count} exports).");
        Assert.Equal("application/x-protobuf", export.ContentType);
        Assert.True(Contains(export.Body, Utf8(fixture.ServiceName)), "The metrics' resource does not name the service.");
        Assert.True(Contains(export.Body, Utf8("Network")), "The export does not name the meter \"Network\".");
    }

    private string? LogLineWith(string traceId) =>
        fixture.Host.Output.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith('{') && l.Contains(traceId, StringComparison.Ordinal));
}
