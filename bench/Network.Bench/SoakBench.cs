using System.Diagnostics;
using System.Globalization;
using Network.Host.Storage;
using Network.Testing;
using RabbitMQ.Client;

namespace Network.Bench;

/// <summary>
/// The soak (<c>--soak DURATION</c>, issue 15): the built host as an operator runs it, on a SQLite file with
/// Messaging:Transport=RabbitMq against a throwaway broker, set up by <see cref="SoakSetup"/>, under
/// <see cref="SoakLoad"/>'s mixed open-loop load for DURATION. Then <see cref="SoakCheck"/> looks for every link
/// message and acknowledged progress report in the histories, and the figures are printed (<see cref="SoakReport"/>)
/// and, with <c>--json</c>, written under "soak". Exit code 3 when a target is missed.
/// </summary>
internal static class SoakBench
{
    /// <summary>Memory is sampled this often, for the per-minute column and for the end of warm-up.</summary>
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args)
    {
        var duration = options.Soak!.Value;
        var wall = Stopwatch.StartNew();
        BenchRun.PrintFacts(options, args,
            $"soak for {SoakDuration.Format(duration)} at {options.SoakRate} operations/s, {options.SoakTenants} partner tenants");

        return await BrokeredHost.RunAsync("soak", "The soak", async stage =>
        {
            var result = await SoakAsync(options, stage.Broker, stage.Host, stage.BootstrapKey).ConfigureAwait(false);
            SoakReport.Print(result, options, stage.BrokerVersion, await stage.StoreAsync().ConfigureAwait(false), DatabaseBytes(stage.DatabasePath));
            await BenchJson.WriteAsync(options.JsonPath, new BenchJsonDocument(Soak: SoakReport.Json(result, options))).ConfigureAwait(false);
            Console.WriteLine($"wall time: {wall.Elapsed:h\\:mm\\:ss}");
            return result.Verdict.Passed ? 0 : 3;
        }).ConfigureAwait(false);
    }

    private static async Task<SoakResult> SoakAsync(BenchOptions options, RabbitMqBroker broker, HostProcess host, string bootstrapKey)
    {
        var setupClock = Stopwatch.StartNew();
        var world = await SoakSetup.RunAsync(host, bootstrapKey, options.SoakTenants).ConfigureAwait(false);
        Console.Error.WriteLine($"[soak] forum set up in {setupClock.Elapsed.TotalSeconds:N0} s: {world.Partners.Count} partners, {world.Commitments.Count} commitments");

        var duration = options.Soak!.Value;
        // The first minute, or a tenth of a short run, warms up (JIT, pools, grain activations, caches, the GC's
        // budgets); memory "at the start" is taken once it is over.
        var warmUp = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, duration.Ticks / 10));
        var recorder = new SoakRecorder();
        using var metricsClient = host.CreateClient(bootstrapKey);
        var memory = new HostMemory(host, metricsClient);
        var samples = new List<HostMemorySample> { await memory.SampleAsync(TimeSpan.Zero).ConfigureAwait(false) };

        var connection = await broker.CreateConnectionFactory().CreateConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var publisher = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)).ConfigureAwait(false);
            await using (publisher.ConfigureAwait(false))
            {
                using var load = new SoakLoad(world, host, publisher, recorder);
                Console.Error.WriteLine($"[soak] {options.SoakRate} operations/s for {SoakDuration.Format(duration)}, open loop; warm-up {warmUp.TotalSeconds:N0} s…");
                var clock = Stopwatch.StartNew();
                using var stopSampling = new CancellationTokenSource();
                var sampling = SampleAsync(memory, samples, clock, stopSampling.Token);
                var total = (int)(duration.TotalSeconds * options.SoakRate);
                await load.RunAsync(duration, options.SoakRate, Measure.Progress("[soak] operations started", total)).ConfigureAwait(false);
                var loadSeconds = clock.Elapsed.TotalSeconds;
                await stopSampling.CancelAsync().ConfigureAwait(false);
                await sampling.ConfigureAwait(false);
                var end = await memory.SampleAsync(clock.Elapsed).ConfigureAwait(false);
                lock (samples)
                {
                    samples.Add(end);
                }

                Console.Error.WriteLine($"[soak] load done; checking {load.MessagesConfirmed.Count:N0} link messages and {load.ProgressAcknowledged.Count:N0} progress reports in the histories…");
                using var coordinator = host.CreateClient(world.CoordinatorKey);
                var delivery = await SoakCheck.RunAsync(coordinator, world.ForumId, world.Commitments, load.MessagesConfirmed, load.ProgressAcknowledged).ConfigureAwait(false);

                var start = samples.Where(s => s.At >= warmUp).OrderBy(s => s.At).First();
                return new SoakResult(
                    duration, loadSeconds, warmUp, options.SoakRate, world.Partners.Count, world.Commitments.Count,
                    recorder, delivery, load.MaxInFlight, load.TasksCompleted,
                    [.. samples.OrderBy(s => s.At)], start, end, memory.HeapSource,
                    SoakVerdict.From(recorder.ErrorCount, delivery, start, end));
            }
        }
    }

    /// <summary>Samples the host's memory every <see cref="SampleEvery"/> until stopped.</summary>
    private static async Task SampleAsync(HostMemory memory, List<HostMemorySample> samples, Stopwatch clock, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(SampleEvery, stop).ConfigureAwait(false);
                var sample = await memory.SampleAsync(clock.Elapsed).ConfigureAwait(false);
                lock (samples)
                {
                    samples.Add(sample);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    /// <summary>The database with its write-ahead log, as the disk holds it at the end.</summary>
    private static long DatabaseBytes(string database) =>
        new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
}

/// <summary>Everything the soak measured.</summary>
internal sealed record SoakResult(
    TimeSpan Duration,
    double LoadSeconds,
    TimeSpan WarmUp,
    int Rate,
    int Partners,
    int Commitments,
    SoakRecorder Recorder,
    SoakDelivery Delivery,
    int MaxInFlight,
    int TasksCompleted,
    IReadOnlyList<HostMemorySample> Memory,
    HostMemorySample Start,
    HostMemorySample End,
    string HeapSource,
    SoakVerdict Verdict);

/// <summary>
/// The targets: no errors; every link message and acknowledged progress report in its history exactly once; and no
/// memory growth after warm-up, meaning the resident set at the end is at most <see cref="RssTolerance"/> above the
/// one after warm-up. Why 10%: the host's data grows through the run by design (each commitment's history, which its
/// grain holds once read; the audit trail; SQLite's page cache over a larger file), and the server GC sizes its
/// budgets and keeps freed segments committed in steps of several MB on this machine, so a steady host still moves
/// by a few percent between two moments; a leak of a kilobyte per operation adds about as much again in a 10-minute
/// soak (24,000 operations: 24 MB, 9% of the 270 MiB the host held after warm-up), so together they pass 10%.
/// </summary>
internal sealed record SoakVerdict(bool ErrorsOk, bool DeliveryOk, bool MemoryOk, double RssGrowthPercent)
{
    public const double RssTolerance = 0.10;

    public bool Passed => ErrorsOk && DeliveryOk && MemoryOk;

    public static SoakVerdict From(int errors, SoakDelivery delivery, HostMemorySample start, HostMemorySample end)
    {
        var growth = (end.RssBytes - start.RssBytes) / (double)start.RssBytes;
        return new SoakVerdict(errors == 0, delivery.Complete, growth <= RssTolerance, growth * 100);
    }
}
