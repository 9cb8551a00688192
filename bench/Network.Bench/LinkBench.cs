using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Messaging;
using Network.Contracts.Tenants;
using Network.Host.Storage;
using Network.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Network.Bench;

/// <summary>
/// The tenant-link scenario (<c>--links</c>): the built host, run as an operator runs it on a SQLite file with
/// Messaging:Transport=RabbitMq against a throwaway broker, and a partner's system that is not .NET (RabbitMQ.Client,
/// plain JSON, publisher confirms). The forum, its partners, the session report and the keys are set up through the
/// HTTP API as in the host's link tests. The partner publishes ReportProgress to network.tenant.{tmp}.in and counts
/// the ProgressReported events that come back on its own queue bound to network.tenant.{tmp}.out; each message's
/// note carries its own id through, so every event is matched to the message that caused it.
/// </summary>
internal sealed class LinkBench
{
    private const string ForumId = "forum";
    private const string TmpId = "tmp";
    private static readonly string[] Statuses = ["limited", "substantial"];

    /// <summary>
    /// Messages sent before the timed ones, at the least: 12,000, whatever the number timed. A fresh host runs much of
    /// its code unoptimised at first (.NET compiles the hot methods again, optimised, in the background). After the 100
    /// this used to send, a sixth of the host's CPU in the timed run was the JIT (286 applied/s); after 3,000, still 13%.
    /// 12,000 was enough on 2026-12-04, but not on 2026-12-05 (the JIT was 14% of the CPU in a timed run of 20,000, at
    /// about 1,000 applied/s, and 1,300 to 1,400 after 40,000 warm-up messages), so more follow until the JIT is quiet
    /// (<see cref="WarmUpAsync"/>).
    /// </summary>
    private const int MinimumWarmUpMessages = 12_000;

    /// <summary>Warm-up messages sent at a time after the first <see cref="MinimumWarmUpMessages"/>.</summary>
    private const int WarmUpBatch = 2_000;

    /// <summary>The most warm-up messages in all: a host whose JIT is still busy then is measured as it is, and the report says so.</summary>
    private const int MaximumWarmUpMessages = 80_000;

    /// <summary>
    /// The host's JIT is quiet once it compiled for at most this share of a warm-up batch's time (on one of the two
    /// cores, about half a per cent of the machine).
    /// </summary>
    private const double QuietJitShare = 0.01;

    /// <summary>Longest wait with no new event before the run is given up.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly IChannel _publisher;
    private readonly ArrivalProbe _probe;
    private readonly string _key;
    private readonly IReadOnlyList<string> _commitments;
    private readonly HostProcess _host;
    private readonly BasicProperties _properties;

    private LinkBench(IChannel publisher, ArrivalProbe probe, string key, IReadOnlyList<string> commitments, HostProcess host)
    {
        _publisher = publisher;
        _probe = probe;
        _key = key;
        _commitments = commitments;
        _host = host;
        _properties = new BasicProperties
        {
            Type = nameof(ReportProgress),
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?> { [TenantLinks.KeyHeader] = key },
        };
    }

    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args)
    {
        var wall = Stopwatch.StartNew();
        BenchRun.PrintFacts(options, args,
            $"{options.LinkMessages:N0} link messages for throughput, {options.LinkLatencySamples:N0} one at a time for latency");

        await BrokeredHost.RunAsync("links", "The link scenario", async stage =>
        {
            var figures = await MeasureAsync(options, stage.Broker, stage.Host, stage.BootstrapKey).ConfigureAwait(false);
            Print(figures, options, stage.BrokerVersion, await stage.StoreAsync().ConfigureAwait(false));
            await BenchJson.WriteAsync(options.JsonPath, new BenchJsonDocument(Links: BenchJson.Links(
                figures.Messages / figures.AppliedSeconds, figures.P50Milliseconds, figures.P99Milliseconds))).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);
        Console.WriteLine($"wall time: {wall.Elapsed:h\\:mm\\:ss}");
        return 0;
    }

    private static async Task<LinkFigures> MeasureAsync(BenchOptions options, RabbitMqBroker broker, HostProcess host, string bootstrapKey)
    {
        // The forum and the report's three organisations under it, named as the report names them so owners resolve.
        string coordinatorKey;
        string tmpKey;
        using (var root = host.CreateClient(bootstrapKey))
        {
            await BenchApi.CreateTenantAsync(root, ForumId, "Forum coordination", "platform", "network").ConfigureAwait(false);
            await BenchApi.CreateTenantAsync(root, TmpId, "Transnational Migrant Platform", "platform", ForumId).ConfigureAwait(false);
            await BenchApi.CreateTenantAsync(root, "gcm", "Global Coalition on Migration", "organisation", ForumId).ConfigureAwait(false);
            await BenchApi.CreateTenantAsync(root, "ici", "Immigrant Council of Ireland", "organisation", ForumId).ConfigureAwait(false);
            coordinatorKey = await BenchApi.IssueKeyAsync(root, ForumId, "coordinator", "forum coordinator").ConfigureAwait(false);
            // The integration key declares TMP's exchanges, before the partner binds its queue.
            tmpKey = await BenchApi.IssueKeyAsync(root, TmpId, "integration", "TMP's CRM").ConfigureAwait(false);
        }

        var connection = await broker.CreateConnectionFactory().CreateConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The partner's own queue on TMP's outbound exchange, read by a push consumer.
            var probe = new ArrivalProbe();
            var consuming = await connection.CreateChannelAsync().ConfigureAwait(false);
            await using (consuming.ConfigureAwait(false))
            {
                var queue = (await consuming.QueueDeclareAsync("tmp-crm.bench-events", durable: true, exclusive: true, autoDelete: true).ConfigureAwait(false)).QueueName;
                await consuming.QueueBindAsync(queue, TenantLinks.OutboundExchange(TmpId), "").ConfigureAwait(false);
                var consumer = new AsyncEventingBasicConsumer(consuming);
                consumer.ReceivedAsync += (_, delivery) =>
                {
                    if (delivery.BasicProperties.Type == nameof(ProgressReported) && NoteOf(delivery.Body.Span) is { } note)
                    {
                        probe.Seen(note);
                    }
                    return Task.CompletedTask;
                };
                await consuming.BasicConsumeAsync(queue, autoAck: true, consumer).ConfigureAwait(false);

                List<string> commitments;
                using (var coordinator = host.CreateClient(coordinatorKey))
                {
                    await ImportAsync(coordinator).ConfigureAwait(false);
                    // The report gives TMP one commitment; made an owner of all of them, its messages spread over
                    // every commitment grain, as a partner owning several would send them.
                    var all = await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{ForumId}/commitments?limit=200").ConfigureAwait(false);
                    foreach (var commitment in all?.Items ?? [])
                    {
                        using var assigned = await coordinator.PutAsJsonAsync($"api/tenants/{ForumId}/commitments/{commitment.Id}/owners",
                            new AssignOwnersRequest([TmpId])).ConfigureAwait(false);
                        assigned.EnsureSuccessStatusCode();
                    }
                    var page = await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{TmpId}/commitments?limit=200").ConfigureAwait(false);
                    commitments = page?.Items.Select(c => c.Id).ToList() ?? [];
                }
                if (commitments.Count == 0)
                {
                    throw new InvalidOperationException($"The imported report gave TMP no commitments.\nThe host's last output:\n{host.OutputTail()}");
                }
                Console.Error.WriteLine($"[links] forum set up; TMP owns {commitments.Count} commitments");

                var publisher = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)).ConfigureAwait(false);
                await using (publisher.ConfigureAwait(false))
                {
                    var bench = new LinkBench(publisher, probe, tmpKey, commitments, host);
                    // Warm-up, not counted: JIT, connections, the commitments' first activations.
                    using var metrics = host.CreateClient(bootstrapKey);
                    var warmUp = await bench.WarmUpAsync(new HostJit(metrics)).ConfigureAwait(false);
                    var (publishSeconds, appliedSeconds) = await bench.ThroughputAsync("bench-", options.LinkMessages, quiet: false).ConfigureAwait(false);
                    var (latencies, latencySeconds) = await bench.LatencyAsync(options.LinkLatencySamples).ConfigureAwait(false);
                    return new LinkFigures(
                        commitments.Count, options.LinkMessages, publishSeconds, appliedSeconds,
                        options.LinkLatencySamples, latencySeconds, Measure.Percentile(latencies, 0.50), Measure.Percentile(latencies, 0.99), warmUp);
                }
            }
        }
    }

    /// <summary>
    /// Warm-up: <see cref="MinimumWarmUpMessages"/>, then batches of <see cref="WarmUpBatch"/> until the host's JIT
    /// compiled for at most <see cref="QuietJitShare"/> of a batch's time, or <see cref="MaximumWarmUpMessages"/> were
    /// sent. Without the JIT's figure on the host's /metrics, the minimum alone.
    /// </summary>
    private async Task<WarmUp> WarmUpAsync(HostJit jit)
    {
        Console.Error.WriteLine($"[links] warming up: {MinimumWarmUpMessages:N0} messages, then {WarmUpBatch:N0} at a time until the host's JIT is quiet…");
        await ThroughputAsync("warm-", MinimumWarmUpMessages, quiet: true).ConfigureAwait(false);
        var sent = MinimumWarmUpMessages;
        if (await jit.CompilationSecondsAsync().ConfigureAwait(false) is not { } compiled)
        {
            return new WarmUp(sent, JitShare: null);
        }
        while (true)
        {
            var watch = Stopwatch.StartNew();
            await ThroughputAsync($"warm{sent}-", WarmUpBatch, quiet: true).ConfigureAwait(false);
            sent += WarmUpBatch;
            var now = await jit.CompilationSecondsAsync().ConfigureAwait(false) ?? compiled;
            var share = (now - compiled) / watch.Elapsed.TotalSeconds;
            compiled = now;
            if (share <= QuietJitShare || sent >= MaximumWarmUpMessages)
            {
                Console.Error.WriteLine($"[links] warmed up with {sent:N0} messages; the host's JIT compiled for {share:P1} of the last batch's time");
                return new WarmUp(sent, share);
            }
        }
    }

    /// <param name="Messages">Warm-up messages sent.</param>
    /// <param name="JitShare">The share of the last batch's time the host's JIT compiled for; null when the host did not say.</param>
    private sealed record WarmUp(int Messages, double? JitShare);

    /// <summary>
    /// 1. Throughput: every message published at once (confirms pipelined, in batches), round-robin over TMP's
    /// commitments with alternating statuses; timed from the first publish until every message's event arrived.
    /// </summary>
    private async Task<(double PublishSeconds, double AppliedSeconds)> ThroughputAsync(string prefix, int count, bool quiet)
    {
        const int batch = 100;
        if (!quiet)
        {
            Console.Error.WriteLine($"[links] publishing {count:N0} ReportProgress messages, confirms in batches of {batch}…");
        }
        var notes = Enumerable.Range(0, count).Select(i => prefix + N(i)).ToList();
        var arrivals = new long[count];
        var done = _probe.Expect(notes, arrivals);
        var watch = Stopwatch.StartNew();
        var pending = new List<Task>(batch);
        for (var i = 0; i < count; i++)
        {
            pending.Add(PublishAsync(_commitments[i % _commitments.Count], Statuses[i / _commitments.Count % Statuses.Length], notes[i]).AsTask());
            if (pending.Count == batch || i == count - 1)
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
                pending.Clear();
            }
        }
        var published = watch.Elapsed.TotalSeconds;
        await WaitAsync(done, quiet ? null : Measure.Progress("[links] ProgressReported received", count)).ConfigureAwait(false);
        return (published, watch.Elapsed.TotalSeconds);
    }

    /// <summary>2. Latency: one message at a time, from publish until its event arrived.</summary>
    private async Task<(double[] SortedLatencies, double Seconds)> LatencyAsync(int samples)
    {
        Console.Error.WriteLine($"[links] sending {samples:N0} messages one at a time…");
        var latencies = new double[samples];
        var arrival = new long[1];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            var note = "latency-" + N(i);
            var done = _probe.Expect([note], arrival);
            var before = Stopwatch.GetTimestamp();
            await PublishAsync(_commitments[i % _commitments.Count], Statuses[i / _commitments.Count % Statuses.Length], note).ConfigureAwait(false);
            await WaitAsync(done, progress: null).ConfigureAwait(false);
            latencies[i] = Measure.Milliseconds(before, arrival[0]);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (latencies, seconds);
    }

    /// <summary>Plain camelCase JSON with the message's name in the AMQP type and the key in network-key; the note is the id.</summary>
    private ValueTask PublishAsync(string commitmentId, string status, string note)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId = "crm-" + note,
            tenantId = TmpId,
            occurredAt = DateTimeOffset.UtcNow,
            commitmentId,
            status,
            note,
        }, JsonSerializerOptions.Web);
        return _publisher.BasicPublishAsync(TenantLinks.InboundExchange(TmpId), "", mandatory: false, _properties, body);
    }

    /// <summary>Waits for <paramref name="done"/>, reporting progress; gives up after <see cref="Patience"/> with no new event.</summary>
    private async Task WaitAsync(Task done, IProgress<int>? progress)
    {
        var last = _probe.Arrived;
        var lastAt = Stopwatch.StartNew();
        while (!done.IsCompleted)
        {
            await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            var arrived = _probe.Arrived;
            progress?.Report(arrived);
            if (arrived != last)
            {
                last = arrived;
                lastAt.Restart();
            }
            else if (!done.IsCompleted && lastAt.Elapsed > Patience)
            {
                throw new InvalidOperationException(
                    $"No ProgressReported arrived for {Patience.TotalSeconds:N0} s ({arrived:N0} so far).\nThe host's last output:\n{_host.OutputTail()}");
            }
        }
    }

    private static string? NoteOf(ReadOnlySpan<byte> body)
    {
        using var envelope = JsonDocument.Parse(body.ToArray());
        return envelope.RootElement.TryGetProperty("message", out var message)
            && message.TryGetProperty("note", out var note) && note.ValueKind == JsonValueKind.String
            ? note.GetString()
            : null;
    }

    /// <summary>The GFMD 2016 session C report, as text, the way a coordinator imports it.</summary>
    private static async Task ImportAsync(HttpClient coordinator)
    {
        var report = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "gfmd-2016-session-c-report.txt")).ConfigureAwait(false);
        using var content = new StringContent(report, Encoding.UTF8, "text/plain");
        using var response = await coordinator.PostAsync(new Uri($"api/tenants/{ForumId}/sessions:import", UriKind.Relative), content).ConfigureAwait(false);
        await BenchApi.EnsureAsync(response, HttpStatusCode.Created, "importing the session report").ConfigureAwait(false);
    }

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static void Print(LinkFigures f, BenchOptions options, string brokerVersion, string store)
    {
        static string F(double value, string format) => double.IsNaN(value) ? "" : value.ToString(format, CultureInfo.InvariantCulture);
        var header = new[] { "link phase", "messages", "published/s", "applied/s", "p50 ms", "p99 ms" };
        var rows = new List<string[]>
        {
            new[] { "throughput (all at once)", F(f.Messages, "N0"), F(f.Messages / f.PublishSeconds, "N0"), F(f.Messages / f.AppliedSeconds, "N0"), "", "" },
            new[] { "latency (one at a time)", F(f.LatencySamples, "N0"), "", F(f.LatencySamples / f.LatencySeconds, "N1"), F(f.P50Milliseconds, "N2"), F(f.P99Milliseconds, "N2") },
        };
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(row => row[c].Length))).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |";
        Console.WriteLine();
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine(Line(row));
        }
        Console.WriteLine();
        Console.WriteLine($"""
            Scenario: a partner's system (RabbitMQ.Client, plain JSON, publisher confirms) publishes ReportProgress to
            network.tenant.tmp.in; the host checks the integration key, applies the progress to the commitment (stored, with
            its history entry, before the message is acknowledged), resumes the commitment's workflow, and publishes
            ProgressReported to network.tenant.tmp.out, where the partner's queue receives it (push consumer).
             - Host: {HostAssembly.Path}
               as a child process; store {store}.
             - Broker: RabbitMQ {brokerVersion}, throwaway, on loopback; messages persistent, queues durable.
             - {f.Messages:N0} messages over TMP's {f.Commitments} commitments (round-robin, statuses alternating), after {WarmUpLine(f.WarmUp)}.
               published/s: until the broker confirmed the last one ({f.PublishSeconds:N2} s). applied/s: until the last
               ProgressReported arrived ({f.AppliedSeconds:N2} s), end to end.
             - Latency: {f.LatencySamples:N0} messages, each sent once the previous one's ProgressReported arrived; from publish to arrival
               ({f.LatencySeconds:N1} s in all).
            """);
    }

    private sealed record LinkFigures(
        int Commitments,
        int Messages,
        double PublishSeconds,
        double AppliedSeconds,
        int LatencySamples,
        double LatencySeconds,
        double P50Milliseconds,
        double P99Milliseconds,
        WarmUp WarmUp);

    /// <summary>The warm-up as the report states it.</summary>
    private static string WarmUpLine(WarmUp warmUp) => warmUp.JitShare is { } share
        ? $"{warmUp.Messages:N0} warm-up messages (the host's JIT compiled for {share:P1} of the last {WarmUpBatch:N0}'s time{(share > QuietJitShare ? ": still busy, the timed figures include some of it" : "")})"
        : $"{warmUp.Messages:N0} warm-up messages (the host's /metrics gave no JIT figure, so no more)";

    /// <summary>Matches arriving events to the messages expected, by note; repeats and strangers are ignored.</summary>
    private sealed class ArrivalProbe
    {
        private readonly Lock _gate = new();
        private Dictionary<string, int> _pending = [];
        private long[] _at = [];
        private TaskCompletionSource _done = new();
        private int _arrived;

        /// <summary>Events matched since the last <see cref="Expect"/>.</summary>
        public int Arrived => Volatile.Read(ref _arrived);

        public Task Expect(IReadOnlyList<string> notes, long[] arrivals)
        {
            lock (_gate)
            {
                _pending = notes.Select((note, i) => (note, i)).ToDictionary(p => p.note, p => p.i, StringComparer.Ordinal);
                _at = arrivals;
                _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _arrived = 0;
                return _done.Task;
            }
        }

        public void Seen(string note)
        {
            var now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                if (!_pending.Remove(note, out var index))
                {
                    return;
                }
                _at[index] = now;
                _arrived++;
                if (_pending.Count == 0)
                {
                    _done.TrySetResult();
                }
            }
        }
    }
}
