using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Network.Domain;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.ReadModel;
using Network.Host.Storage;
using Network.Workflows.Definitions;
using Network.Workflows.Loading;

namespace Network.Bench;

/// <summary>
/// Network's engine in an in-process silo on a real database: every Start and Deliver returns after the instance's
/// state (and its journal) is written to the store.
/// </summary>
internal static class NetworkEngineBench
{
    public const string DefinitionYaml = """
        id: bench
        version: 1
        title: Start, wait for an event, resume, finish
        starts-on: manual
        inputs: [key]
        steps:
          - id: wait
            wait-for: Ping
            where: event.key == input.key
            then: done
          - id: done
            end:
        """;

    private static readonly TenantPath Tenant = TenantPath.Root("network");

    public static async Task<EngineFigures> RunAsync(string label, StorageOptions storage, BenchOptions options, CancellationToken cancellationToken)
    {
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        await SchemaMigrator.ApplyAsync(storage, loggerFactory.CreateLogger("bench.schema"), cancellationToken).ConfigureAwait(false);

        // A fresh ServiceId per run: grain state is keyed by it, so a rerun on the same PostgreSQL database starts
        // new instances instead of finding the previous run's.
        var runId = Guid.NewGuid().ToString("N")[..12];
        var cluster = new ClusterSettings
        {
            SiloPort = FreeTcpPort(),
            GatewayPort = FreeTcpPort(),
            ServiceId = "bench-" + runId,
            ClusterId = "bench-" + runId,
        };

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        // Orleans warns about every grain turn over a second and about ServerGC on small machines; under a load test
        // on SQLite (one writer at a time) those are expected and would bury the table. Its errors still show.
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Services.AddNetworkReadModel(storage);
        // Before AddNetworkDomain, which only adds an empty library when none is registered.
        builder.Services.AddSingleton<IWorkflowDefinitions>(new BenchDefinitions(LoadDefinition()));
        builder.UseOrleans(silo =>
        {
            silo.AddNetworkStorage(storage, cluster);
            silo.AddNetworkDomain();
        });

        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            return await MeasureAsync(label, grains, options).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<EngineFigures> MeasureAsync(string label, IGrainFactory grains, BenchOptions options)
    {
        IWorkflowInstanceGrain Instance(string prefix, int i) =>
            grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(Tenant, prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        static string Data(string prefix, int i) => $"{{\"key\":\"{prefix}{i}\"}}";

        // Warm-up (JIT, connection pools, first activations); not counted.
        await Measure.ForEachAsync(Math.Min(200, options.Instances), options.Concurrency, async i =>
        {
            using (TenantCallContext.Enter(TenantCaller.System))
            {
                var grain = Instance("warm-", i);
                await grain.Start("bench", Data("w", i)).ConfigureAwait(false);
                await grain.Deliver("Ping", Data("w", i), "warm-ev-" + i).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        // 1. Starts: each call returns once the instance is persisted, waiting at its first step.
        Console.Error.WriteLine($"[{label}] starting {options.Instances:N0} instances…");
        var started = Stopwatch.StartNew();
        await Measure.ForEachAsync(options.Instances, options.Concurrency, async i =>
        {
            using (TenantCallContext.Enter(TenantCaller.System))
            {
                var summary = await Instance("bench-", i).Start("bench", Data("k", i)).ConfigureAwait(false);
                if (summary.Status != "waiting")
                {
                    throw new InvalidOperationException($"bench-{i} is {summary.Status} after Start, not waiting.");
                }
            }
        }).ConfigureAwait(false);
        started.Stop();

        // 2. Events: each Deliver returns after the resumed step ran and the instance was persisted.
        Console.Error.WriteLine($"[{label}] delivering {options.Events:N0} events…");
        var latencies = new double[options.Events];
        var delivered = Stopwatch.StartNew();
        await Measure.ForEachAsync(options.Events, options.Concurrency, async i =>
        {
            using (TenantCallContext.Enter(TenantCaller.System))
            {
                var before = Stopwatch.GetTimestamp();
                var summary = await Instance("bench-", i).Deliver("Ping", Data("k", i), "ev-" + i).ConfigureAwait(false);
                latencies[i] = Measure.Milliseconds(before, Stopwatch.GetTimestamp());
                if (summary.Status != "completed")
                {
                    throw new InvalidOperationException($"bench-{i} is {summary.Status} after its event, not completed.");
                }
            }
        }).ConfigureAwait(false);
        delivered.Stop();
        Array.Sort(latencies);

        // 3. Memory: instances left waiting. Orleans keeps each one's activation (and its state) in memory until
        // it has been idle for the collection age, so this is the activation's cost, not only the stored state's.
        Console.Error.WriteLine($"[{label}] starting {options.IdleInstances:N0} idle waiting instances…");
        var heapBefore = Measure.ManagedHeapAfterFullGc();
        var progress = Measure.Progress($"[{label}] idle instances", options.IdleInstances);
        var count = 0;
        var idleWatch = Stopwatch.StartNew();
        await Measure.ForEachAsync(options.IdleInstances, options.Concurrency, async i =>
        {
            using (TenantCallContext.Enter(TenantCaller.System))
            {
                await Instance("idle-", i).Start("bench", Data("idle", i)).ConfigureAwait(false);
            }
            progress.Report(Interlocked.Increment(ref count));
        }).ConfigureAwait(false);
        idleWatch.Stop();
        var heapAfter = Measure.ManagedHeapAfterFullGc();
        Console.Error.WriteLine($"[{label}] {options.IdleInstances:N0} idle instances started in {idleWatch.Elapsed.TotalSeconds:F1} s");

        // One spot check that the waiting instances are still there, waiting.
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            var last = await Instance("idle-", options.IdleInstances - 1).Describe().ConfigureAwait(false);
            if (last?.Status != "waiting")
            {
                throw new InvalidOperationException($"idle-{options.IdleInstances - 1} is {last?.Status ?? "missing"}, not waiting.");
            }
        }

        return new EngineFigures(
            label,
            options.Instances / started.Elapsed.TotalSeconds,
            options.Events / delivered.Elapsed.TotalSeconds,
            Measure.Percentile(latencies, 0.50),
            Measure.Percentile(latencies, 0.99),
            (double)(heapAfter - heapBefore) / options.IdleInstances,
            options.IdleInstances);
    }

    private static WorkflowDefinition LoadDefinition()
    {
        var result = WorkflowLoader.Load(DefinitionYaml, "bench.yaml");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The benchmark definition does not load: " + string.Join("; ", result.Errors));
        }
        return result.Definition!;
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The one definition the benchmark runs.</summary>
    private sealed class BenchDefinitions(WorkflowDefinition definition) : IWorkflowDefinitions
    {
        public IReadOnlyList<WorkflowDefinition> All { get; } = [definition];

        public WorkflowDefinition? Find(string id) => id == definition.Id ? definition : null;
    }
}
