using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Network.Testing;

/// <summary>
/// A real webhook receiver on 127.0.0.1: Kestrel on a free port, one path per test (<c>/hooks/{name}</c>), answering
/// with the statuses a test scripts (then 200) and recording every call as it came. The header names are those the
/// README documents for receivers (Network.Domain's WebhookHeaders), written out as a receiver would.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _otherwise = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _slowness = new(StringComparer.Ordinal);
    private readonly List<ReceivedCall> _calls = [];

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/hooks/{name}", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    public string Url(string name) => $"http://127.0.0.1:{Port}/hooks/{name}";

    /// <summary>The next calls to <paramref name="name"/> get these statuses, in order; then <see cref="Otherwise"/>'s.</summary>
    public void Script(string name, params int[] statuses)
    {
        var queue = _scripts.GetOrAdd(name, _ => new ConcurrentQueue<int>());
        foreach (var status in statuses)
        {
            queue.Enqueue(status);
        }
    }

    /// <summary>The status for calls to <paramref name="name"/> beyond the script (200 unless set).</summary>
    public void Otherwise(string name, int status) => _otherwise[name] = status;

    /// <summary>Calls to <paramref name="name"/> are answered only after <paramref name="wait"/> (recorded when they arrive).</summary>
    public void Slow(string name, TimeSpan wait) => _slowness[name] = wait;

    public IReadOnlyList<ReceivedCall> Calls(string name)
    {
        lock (_calls)
        {
            return _calls.Where(c => c.Name == name).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var status = _scripts.TryGetValue(name, out var queue) && queue.TryDequeue(out var scripted) ? scripted
            : _otherwise.TryGetValue(name, out var otherwise) ? otherwise : 200;
        var call = new ReceivedCall(name, request.Headers["Network-Delivery"].ToString(), request.Headers["Network-Event"].ToString(),
            request.Headers["Network-Timestamp"].ToString(), request.Headers["Network-Signature"].ToString(),
            request.ContentType ?? "", body.ToArray(), status);
        lock (_calls)
        {
            _calls.Add(call);
        }
        if (_slowness.TryGetValue(name, out var wait) && wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, request.HttpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up waiting: nobody reads the answer.
            }
        }
        return Results.StatusCode(status);
    }
}

/// <summary>One call as the receiver saw it, with the status it answered.</summary>
public sealed record ReceivedCall(string Name, string DeliveryId, string Event, string Timestamp, string Signature, string ContentType, byte[] Body, int Answered);
