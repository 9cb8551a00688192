using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Storage;

namespace Network.Bench;

/// <summary>
/// Network's engine in an in-process silo on a real database. A start is the instance grain's Start; an event goes
/// the way a domain event goes, through <see cref="WorkflowTriggers.DispatchAsync"/>, which finds the waiting instance
/// in the wait index and resumes it. Both return after the instance's state is written to the store.
/// All instances live in one tenant, new each run.
/// </summary>
internal sealed class NetworkEngineBench
{
    /// <summary>
    /// The run's own tenant, named like "network" (seven characters, so keys and memory per instance stay as they were)
    /// but new each run: the journal, the wait index and the applied event ids are keyed by the instance's key alone
    /// (not by the silo's ServiceId), so a rerun on the same PostgreSQL database (<c>--postgres</c>) would otherwise
    /// meet the previous run's rows under the same keys.
    /// </summary>
    private readonly TenantPath _tenant = TenantPath.Root("n" + Guid.NewGuid().ToString("N")[..6]);

    private readonly string _label;
    private readonly IGrainFactory _grains;
    private readonly WorkflowTriggers _triggers;
    private readonly BenchOptions _options;

    private NetworkEngineBench(string label, IServiceProvider services, BenchOptions options)
    {
        _label = label;
        _grains = services.GetRequiredService<IGrainFactory>();
        _triggers = services.GetRequiredService<WorkflowTriggers>();
        _options = options;
    }

    public static async Task<EngineFigures> RunAsync(string label, BenchEngine engine, StorageOptions storage, BenchOptions options)
    {
        using var host = await NetworkSilo.StartAsync(storage, SiloWiring.EngineBench, CancellationToken.None).ConfigureAwait(false);
        try
        {
            var store = storage.Kind == StorageProvider.Sqlite
                ? await StoreDescription.SqliteAsync(storage).ConfigureAwait(false)
                : await StoreDescription.PostgreSqlAsync(storage.ResolveConnectionString()).ConfigureAwait(false);
            var bench = new NetworkEngineBench(label, host.Services, options);
            var inFlight = options.InFlight(engine);
            var idleInFlight = options.IdleInFlight(engine);

            await bench.WarmUpAsync(options.WarmUps(engine), inFlight).ConfigureAwait(false);
            var startsPerSecond = await bench.StartsAsync(inFlight).ConfigureAwait(false);
            var (eventsPerSecond, latencies) = await bench.EventsAsync(inFlight).ConfigureAwait(false);
            var (idleSeconds, heap, workingSet) = await bench.IdleAsync(idleInFlight).ConfigureAwait(false);
            var eventsPerSecondWithIdle = await bench.EventsWithIdleAsync(inFlight).ConfigureAwait(false);

            return new EngineFigures(
                engine, label, store, inFlight, startsPerSecond, eventsPerSecond, eventsPerSecondWithIdle,
                Measure.Percentile(latencies, 0.50), Measure.Percentile(latencies, 0.99),
                options.IdleInstances, idleInFlight, idleSeconds, heap, workingSet);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>JIT, connection pools, first activations; not counted.</summary>
    private Task WarmUpAsync(int count, int inFlight) =>
        Measure.ForEachAsync(count, inFlight, async i =>
        {
            await StartAsync("warm-" + N(i)).ConfigureAwait(false);
            await SendPingAsync("warm-" + N(i)).ConfigureAwait(false);
        });

    /// <summary>1. Starts: each call returns once the instance is persisted, waiting at its first step.</summary>
    private async Task<double> StartsAsync(int inFlight)
    {
        Console.Error.WriteLine($"[{_label}] starting {_options.Instances:N0} instances, {inFlight} in flight…");
        var watch = Stopwatch.StartNew();
        await Measure.ForEachAsync(_options.Instances, inFlight, async i =>
            Expect(await StartAsync("bench-" + N(i)).ConfigureAwait(false), "waiting", "bench-" + N(i))).ConfigureAwait(false);
        return _options.Instances / watch.Elapsed.TotalSeconds;
    }

    /// <summary>2. Events: each dispatch returns after the instance it resumed ran its next step and was persisted.</summary>
    private async Task<(double PerSecond, double[] SortedLatencies)> EventsAsync(int inFlight)
    {
        Console.Error.WriteLine($"[{_label}] sending {_options.Events:N0} events, {inFlight} in flight…");
        var latencies = new double[_options.Events];
        var gc = PhaseGc.Now();
        var watch = Stopwatch.StartNew();
        await Measure.ForEachAsync(_options.Events, inFlight, async i =>
        {
            var before = Stopwatch.GetTimestamp();
            await SendPingAsync("bench-" + N(i)).ConfigureAwait(false);
            latencies[i] = Measure.Milliseconds(before, Stopwatch.GetTimestamp());
        }).ConfigureAwait(false);
        var perSecond = _options.Events / watch.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"[{_label}] events: {perSecond:N0}/s; {gc.Since(_options.Events)}");

        // After the clock stopped: every event resumed its instance to the end.
        await Measure.ForEachAsync(_options.Events, inFlight, async i =>
            Expect(await DescribeAsync("bench-" + N(i)).ConfigureAwait(false), "completed", "bench-" + N(i))).ConfigureAwait(false);
        Array.Sort(latencies);
        return (perSecond, latencies);
    }

    /// <summary>
    /// 3. Memory: instances left waiting. Each keeps its activation (with its state) in memory until idle collection,
    /// and its entry in the wait index (an index grain per correlation value).
    /// </summary>
    private async Task<(double Seconds, double Heap, double WorkingSet)> IdleAsync(int inFlight)
    {
        var count = _options.IdleInstances;
        Console.Error.WriteLine($"[{_label}] starting {count:N0} idle waiting instances, {inFlight} in flight…");
        var before = Measure.MemoryAfterFullGc();
        var progress = Measure.Progress($"[{_label}] idle instances", count);
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Measure.ForEachAsync(count, inFlight, async i =>
        {
            await StartAsync("idle-" + N(i)).ConfigureAwait(false);
            progress.Report(Interlocked.Increment(ref done));
        }).ConfigureAwait(false);
        watch.Stop();
        var (heap, workingSet) = Measure.MemoryAfterFullGc().PerInstanceSince(before, count);

        // Spot checks, after the memory was read, that the instances are there and waiting.
        foreach (var i in new[] { 0, count / 2, count - 1 })
        {
            Expect(await DescribeAsync("idle-" + N(i)).ConfigureAwait(false), "waiting", "idle-" + N(i));
        }
        return (watch.Elapsed.TotalSeconds, heap, workingSet);
    }

    /// <summary>
    /// 4. Events again, with the idle instances waiting: as many fresh instances as events are started (not timed),
    /// then each gets its event, the same in flight as in 2. Only the events are timed.
    /// </summary>
    private async Task<double> EventsWithIdleAsync(int inFlight)
    {
        Console.Error.WriteLine($"[{_label}] starting {_options.Events:N0} fresh instances beside the {_options.IdleInstances:N0} idle ones, then sending their events, {inFlight} in flight…");
        await Measure.ForEachAsync(_options.Events, inFlight, async i =>
            Expect(await StartAsync("busy-" + N(i)).ConfigureAwait(false), "waiting", "busy-" + N(i))).ConfigureAwait(false);
        Console.Error.WriteLine($"[{_label}] sending the {_options.Events:N0} events beside the idle ones…");
        var gc = PhaseGc.Now();
        var watch = Stopwatch.StartNew();
        await Measure.ForEachAsync(_options.Events, inFlight, i => SendPingAsync("busy-" + N(i))).ConfigureAwait(false);
        var perSecond = _options.Events / watch.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"[{_label}] events beside the idle ones: {perSecond:N0}/s; {gc.Since(_options.Events)}");
        await Measure.ForEachAsync(_options.Events, inFlight, async i =>
            Expect(await DescribeAsync("busy-" + N(i)).ConfigureAwait(false), "completed", "busy-" + N(i))).ConfigureAwait(false);
        return perSecond;
    }

    private async Task<string> StartAsync(string id)
    {
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var summary = await Instance(id).Start(BenchWorkflow.Id, BenchWorkflow.Data(id)).ConfigureAwait(false);
        return summary.Status;
    }

    /// <summary>Ping carrying the instance's key: only that instance's wait matches it.</summary>
    private Task SendPingAsync(string id) =>
        _triggers.DispatchAsync(_tenant, BenchWorkflow.EventName, (JsonObject)JsonNode.Parse(BenchWorkflow.Data(id))!, subjectId: id, eventId: "ping-" + id);

    private async Task<string?> DescribeAsync(string id)
    {
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        return (await Instance(id).Describe().ConfigureAwait(false))?.Status;
    }

    private IWorkflowInstanceGrain Instance(string id) => _grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(_tenant, id));

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static void Expect(string? status, string expected, string instance)
    {
        if (status != expected)
        {
            throw new InvalidOperationException($"{instance} is {status ?? "missing"}, not {expected}.");
        }
    }
}
