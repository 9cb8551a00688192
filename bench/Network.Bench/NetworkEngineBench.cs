using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Storage;

namespace Network.Bench;

/// <summary>
/// Network's engine in an in-process silo on a real database: every Start and Deliver returns after the instance's
/// state (and its journal) is written to the store.
/// </summary>
internal sealed class NetworkEngineBench
{
    /// <summary>Events sent through the engine's own route, one at a time, after the memory was read.</summary>
    private const int RoutedEvents = 20;

    private static readonly TenantPath Tenant = TenantPath.Root("network");

    private readonly string _label;
    private readonly IGrainFactory _grains;
    private readonly BenchOptions _options;
    private readonly int _tenants;

    private NetworkEngineBench(string label, IGrainFactory grains, BenchOptions options)
    {
        _label = label;
        _grains = grains;
        _options = options;
        _tenants = (options.IdleInstances + options.IdlePerTenant - 1) / options.IdlePerTenant;
    }

    public static async Task<EngineFigures> RunAsync(string label, BenchEngine engine, StorageOptions storage, BenchOptions options)
    {
        using var host = await NetworkSilo.StartAsync(storage, CancellationToken.None).ConfigureAwait(false);
        try
        {
            var store = storage.Kind == StorageProvider.Sqlite
                ? await StoreDescription.SqliteAsync(storage).ConfigureAwait(false)
                : await StoreDescription.PostgreSqlAsync(storage.ResolveConnectionString()).ConfigureAwait(false);
            var bench = new NetworkEngineBench(label, host.Services.GetRequiredService<IGrainFactory>(), options);
            var inFlight = options.InFlight(engine);
            var idleInFlight = options.IdleInFlight(engine);

            await bench.WarmUpAsync(inFlight).ConfigureAwait(false);
            var startsPerSecond = await bench.StartsAsync(inFlight).ConfigureAwait(false);
            var (eventsPerSecond, latencies) = await bench.EventsAsync(inFlight).ConfigureAwait(false);
            var (idleSeconds, heap, workingSet) = await bench.IdleAsync(idleInFlight).ConfigureAwait(false);
            var routed = await bench.RoutedAsync(host.Services.GetRequiredService<WorkflowTriggers>()).ConfigureAwait(false);

            return new EngineFigures(
                label, store, inFlight, startsPerSecond, eventsPerSecond,
                Measure.Percentile(latencies, 0.50), Measure.Percentile(latencies, 0.99),
                options.IdleInstances, idleInFlight, idleSeconds, heap, workingSet,
                routed.Length, Measure.Percentile(routed, 0.50), Measure.Percentile(routed, 0.99));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>JIT, connection pools, first activations; not counted.</summary>
    private Task WarmUpAsync(int inFlight) =>
        Measure.ForEachAsync(Math.Min(200, _options.Instances), inFlight, async i =>
        {
            using (TenantCallContext.Enter(TenantCaller.System))
            {
                var grain = Instance(Tenant, "warm-" + N(i));
                await grain.Start(BenchWorkflow.Id, BenchWorkflow.Data("w" + N(i))).ConfigureAwait(false);
                await grain.Deliver(BenchWorkflow.EventName, BenchWorkflow.Data("w" + N(i)), "warm-ev-" + N(i)).ConfigureAwait(false);
            }
        });

    /// <summary>1. Starts in one tenant: each call returns once the instance is persisted, waiting at its first step.</summary>
    private async Task<double> StartsAsync(int inFlight)
    {
        Console.Error.WriteLine($"[{_label}] starting {_options.Instances:N0} instances, {inFlight} in flight…");
        var watch = Stopwatch.StartNew();
        await Measure.ForEachAsync(_options.Instances, inFlight, async i =>
        {
            using (TenantCallContext.Enter(TenantCaller.System))
            {
                var summary = await Instance(Tenant, "bench-" + N(i)).Start(BenchWorkflow.Id, BenchWorkflow.Data("k" + N(i))).ConfigureAwait(false);
                Expect(summary.Status, "waiting", "bench-" + N(i));
            }
        }).ConfigureAwait(false);
        return _options.Instances / watch.Elapsed.TotalSeconds;
    }

    /// <summary>2. Events: each Deliver returns after the resumed step ran and the instance was persisted.</summary>
    private async Task<(double PerSecond, double[] SortedLatencies)> EventsAsync(int inFlight)
    {
        Console.Error.WriteLine($"[{_label}] delivering {_options.Events:N0} events, {inFlight} in flight…");
        var latencies = new double[_options.Events];
        var watch = Stopwatch.StartNew();
        await Measure.ForEachAsync(_options.Events, inFlight, async i =>
        {
            using (TenantCallContext.Enter(TenantCaller.System))
            {
                var before = Stopwatch.GetTimestamp();
                var summary = await Instance(Tenant, "bench-" + N(i))
                    .Deliver(BenchWorkflow.EventName, BenchWorkflow.Data("k" + N(i)), "ev-" + N(i)).ConfigureAwait(false);
                latencies[i] = Measure.Milliseconds(before, Stopwatch.GetTimestamp());
                Expect(summary.Status, "completed", "bench-" + N(i));
            }
        }).ConfigureAwait(false);
        var perSecond = _options.Events / watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (perSecond, latencies);
    }

    /// <summary>
    /// 3. Memory: instances left waiting, spread round-robin over tenants (see <see cref="BenchOptions.DefaultIdlePerTenant"/>).
    /// Each keeps its activation (with its state) in memory until idle collection; its tenant's wait index keeps its key.
    /// </summary>
    private async Task<(double Seconds, double Heap, double WorkingSet)> IdleAsync(int inFlight)
    {
        var count = _options.IdleInstances;
        Console.Error.WriteLine($"[{_label}] starting {count:N0} idle waiting instances over {_tenants:N0} tenants, {inFlight} in flight…");
        var before = Measure.MemoryAfterFullGc();
        var progress = Measure.Progress($"[{_label}] idle instances", count);
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Measure.ForEachAsync(count, inFlight, async i =>
        {
            using (TenantCallContext.Enter(TenantCaller.System))
            {
                await Idle(i).Start(BenchWorkflow.Id, BenchWorkflow.Data("idle" + N(i))).ConfigureAwait(false);
            }
            progress.Report(Interlocked.Increment(ref done));
        }).ConfigureAwait(false);
        watch.Stop();
        var (heap, workingSet) = Measure.MemoryAfterFullGc().PerInstanceSince(before, count);

        // Spot checks, after the memory was read, that the instances are there and waiting.
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            foreach (var i in new[] { 0, count / 2, count - 1 })
            {
                var summary = await Idle(i).Describe().ConfigureAwait(false);
                Expect(summary?.Status, "waiting", "idle-" + N(i));
            }
        }
        return (watch.Elapsed.TotalSeconds, heap, workingSet);
    }

    /// <summary>
    /// 4. The engine's own route for an event (what a domain event takes): <see cref="WorkflowTriggers.DispatchAsync"/>
    /// offers it to every instance of the tenant that waits for its name, and each one's <c>where</c> decides. One
    /// event at a time into tenants of <see cref="BenchOptions.IdlePerTenant"/> waiting instances, one of which it resumes.
    /// </summary>
    private async Task<double[]> RoutedAsync(WorkflowTriggers triggers)
    {
        var events = Math.Min(RoutedEvents, Math.Min(_tenants, _options.IdleInstances));
        Console.Error.WriteLine($"[{_label}] routing {events} events through the engine's event route, one at a time…");
        var latencies = new double[events];
        for (var i = 0; i < events; i++)
        {
            // Idle instance i is in tenant i: one event per tenant, so each finds the tenant's full set waiting.
            var data = (JsonObject)JsonNode.Parse(BenchWorkflow.Data("idle" + N(i)))!;
            var before = Stopwatch.GetTimestamp();
            await triggers.DispatchAsync(IdleTenant(i), BenchWorkflow.EventName, data, "routed-" + N(i), "routed-ev-" + N(i)).ConfigureAwait(false);
            latencies[i] = Measure.Milliseconds(before, Stopwatch.GetTimestamp());
            using (TenantCallContext.Enter(TenantCaller.System))
            {
                Expect((await Idle(i).Describe().ConfigureAwait(false))?.Status, "completed", "idle-" + N(i));
            }
        }
        Array.Sort(latencies);
        return latencies;
    }

    private TenantPath IdleTenant(int i) => Tenant.Child("idle-" + N(i % _tenants));

    private IWorkflowInstanceGrain Idle(int i) => Instance(IdleTenant(i), "idle-" + N(i));

    private IWorkflowInstanceGrain Instance(TenantPath tenant, string id) =>
        _grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(tenant, id));

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static void Expect(string? status, string expected, string instance)
    {
        if (status != expected)
        {
            throw new InvalidOperationException($"{instance} is {status ?? "missing"}, not {expected}.");
        }
    }
}
