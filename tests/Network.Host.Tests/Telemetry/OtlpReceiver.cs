using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Network.Host.Tests.Telemetry;

/// <summary>
/// A collector's OTLP/HTTP door, as small as it gets: Kestrel on a free loopback port taking POSTs to
/// <c>/v1/traces</c> and <c>/v1/metrics</c> and keeping each body as it came (protobuf; not decoded: its strings are
/// raw UTF-8 and a trace id its 16 raw bytes, which is enough to find a name or an id in it).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string ContentType, byte[] Body)> _received = new();

    private OtlpReceiver(WebApplication app, int port)
    {
        _app = app;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    /// <summary>What OTEL_EXPORTER_OTLP_ENDPOINT is set to: the exporter appends each signal's path.</summary>
    public string Endpoint { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, port);
        app.MapPost("/v1/{signal}", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The bodies posted to <c>/v1/{signal}</c> so far.</summary>
    public IReadOnlyList<(string ContentType, byte[] Body)> Received(string signal) =>
        _received.Where(r => r.Path == "/v1/" + signal).Select(r => (r.ContentType, r.Body)).ToList();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        _received.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType ?? "", buffer.ToArray()));
        // 200 with an empty ExportTraceServiceResponse / ExportMetricsServiceResponse: no partial success to report.
        context.Response.ContentType = "application/x-protobuf";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
