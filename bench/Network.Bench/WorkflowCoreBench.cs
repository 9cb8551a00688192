using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Network.Bench;

/// <summary>
/// The peer: the same scenario on WorkflowCore 3.22.0 with its default in-memory persistence. StartWorkflow and
/// PublishEvent only queue work; background workers run the steps. So a start counts when its first step has run
/// (the wait is registered right after, in the same pass), and an event counts when the step after the wait has run.
/// </summary>
internal static class WorkflowCoreBench
{
    public const string WorkflowId = "bench";

    public const string Label = "WorkflowCore 3.22.0 (in memory)";

    public static async Task<EngineFigures> RunAsync(BenchOptions options)
    {
        var probe = new Probe();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflow();
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.Registry.RegisterWorkflow(new PingWorkflow(probe));
        await host.StartAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            return await MeasureAsync(host, probe, options, options.InFlight(BenchEngine.WorkflowCore), options.IdleInFlight(BenchEngine.WorkflowCore)).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<EngineFigures> MeasureAsync(IWorkflowHost host, Probe probe, BenchOptions options, int inFlight, int idleInFlight)
    {
        // Warm-up, not counted.
        var warm = options.WarmUps(BenchEngine.WorkflowCore);
        var arrived = probe.ExpectArrivals(warm);
        var done = probe.ExpectDone(warm);
        await Measure.ForEachAsync(warm, inFlight, i => host.StartWorkflow(WorkflowId, 1, new BenchData { Key = "w" + i, Slot = i })).ConfigureAwait(false);
        await arrived.ConfigureAwait(false);
        await Measure.ForEachAsync(warm, inFlight, i => host.PublishEvent("Ping", "w" + i, i)).ConfigureAwait(false);
        await done.ConfigureAwait(false);

        // 1. Starts: until every instance has run its first step and reached the wait.
        Console.Error.WriteLine($"[WorkflowCore] starting {options.Instances:N0} instances…");
        arrived = probe.ExpectArrivals(options.Instances);
        var started = Stopwatch.StartNew();
        await Measure.ForEachAsync(options.Instances, inFlight, i => host.StartWorkflow(WorkflowId, 1, new BenchData { Key = "k" + i, Slot = i })).ConfigureAwait(false);
        await arrived.ConfigureAwait(false);
        started.Stop();

        // 2. Events: from PublishEvent until the step after the wait has run, for each instance.
        Console.Error.WriteLine($"[WorkflowCore] delivering {options.Events:N0} events…");
        var publishedAt = new long[options.Events];
        probe.DoneAt = new long[options.Events];
        done = probe.ExpectDone(options.Events);
        var delivered = Stopwatch.StartNew();
        await Measure.ForEachAsync(options.Events, inFlight, i =>
        {
            publishedAt[i] = Stopwatch.GetTimestamp();
            return host.PublishEvent("Ping", "k" + i, i);
        }).ConfigureAwait(false);
        await done.ConfigureAwait(false);
        delivered.Stop();
        var latencies = new double[options.Events];
        for (var i = 0; i < options.Events; i++)
        {
            latencies[i] = Measure.Milliseconds(publishedAt[i], probe.DoneAt[i]);
        }
        probe.DoneAt = null;
        Array.Sort(latencies);

        // 3. Memory: instances left waiting, kept (with their event subscriptions) in WorkflowCore's in-memory store.
        Console.Error.WriteLine($"[WorkflowCore] starting {options.IdleInstances:N0} idle waiting instances…");
        var before = Measure.MemoryAfterFullGc();
        // Progress counts first steps run, not starts queued: queueing 100,000 takes seconds, running them minutes.
        arrived = probe.ExpectArrivals(options.IdleInstances, Measure.Progress("[WorkflowCore] idle instances (first step run)", options.IdleInstances));
        var idleWatch = Stopwatch.StartNew();
        await Measure.ForEachAsync(options.IdleInstances, idleInFlight, i =>
            host.StartWorkflow(WorkflowId, 1, new BenchData { Key = "idle" + i, Slot = -1 })).ConfigureAwait(false);
        await arrived.ConfigureAwait(false);
        idleWatch.Stop();
        // The wait is registered in the same pass as the first step, just after it: let the last ones finish.
        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        var (heap, workingSet) = Measure.MemoryAfterFullGc().PerInstanceSince(before, options.IdleInstances);

        // 4. Events again with the idle instances waiting: fresh instances (not timed) up to their wait, then each gets
        // its event, timed until the step after the wait has run for every one of them.
        Console.Error.WriteLine($"[WorkflowCore] starting {options.Events:N0} fresh instances beside the {options.IdleInstances:N0} idle ones, then delivering their events…");
        arrived = probe.ExpectArrivals(options.Events);
        await Measure.ForEachAsync(options.Events, inFlight, i => host.StartWorkflow(WorkflowId, 1, new BenchData { Key = "busy" + i, Slot = -1 })).ConfigureAwait(false);
        await arrived.ConfigureAwait(false);
        // As above: the last waits are registered just after their first step.
        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        done = probe.ExpectDone(options.Events);
        var deliveredWithIdle = Stopwatch.StartNew();
        await Measure.ForEachAsync(options.Events, inFlight, i => host.PublishEvent("Ping", "busy" + i, i)).ConfigureAwait(false);
        await done.ConfigureAwait(false);
        deliveredWithIdle.Stop();

        return new EngineFigures(
            BenchEngine.WorkflowCore,
            Label,
            "process memory only (its default MemoryPersistenceProvider)",
            inFlight,
            options.Instances / started.Elapsed.TotalSeconds,
            options.Events / delivered.Elapsed.TotalSeconds,
            options.Events / deliveredWithIdle.Elapsed.TotalSeconds,
            Measure.Percentile(latencies, 0.50),
            Measure.Percentile(latencies, 0.99),
            options.IdleInstances,
            idleInFlight,
            idleWatch.Elapsed.TotalSeconds,
            heap,
            workingSet);
    }

    /// <summary>The workflow's data: the key its event must carry, and its slot in the latency table (-1: none).</summary>
    public sealed class BenchData
    {
        public string Key { get; set; } = "";

        public int Slot { get; set; }

        public object? Ping { get; set; }
    }

    /// <summary>Start, wait for "Ping" with this instance's key, resume, finish.</summary>
    private sealed class PingWorkflow(Probe probe) : IWorkflow<BenchData>
    {
        public string Id => WorkflowId;

        public int Version => 1;

        public void Build(IWorkflowBuilder<BenchData> builder) => builder
            .StartWith(_ =>
            {
                probe.Arrived();
                return ExecutionResult.Next();
            })
            .WaitFor("Ping", data => data.Key)
                .Output(data => data.Ping, step => step.EventData)
            .Then(context =>
            {
                probe.Done(((BenchData)context.Workflow.Data).Slot);
                return ExecutionResult.Next();
            });
    }

    /// <summary>Counts first steps and last steps, and completes a task when the expected number is reached.</summary>
    private sealed class Probe
    {
        private int _arrivals;
        private int _arrivalsTarget;
        private TaskCompletionSource? _arrivalsDone;
        private IProgress<int>? _arrivalsProgress;
        private int _done;
        private int _doneTarget;
        private TaskCompletionSource? _doneDone;

        public long[]? DoneAt { get; set; }

        public Task ExpectArrivals(int target, IProgress<int>? progress = null)
        {
            _arrivalsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _arrivalsProgress = progress;
            _arrivalsTarget = target;
            Volatile.Write(ref _arrivals, 0);
            return _arrivalsDone.Task;
        }

        public Task ExpectDone(int target)
        {
            _doneDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _doneTarget = target;
            Volatile.Write(ref _done, 0);
            return _doneDone.Task;
        }

        public void Arrived()
        {
            var arrivals = Interlocked.Increment(ref _arrivals);
            _arrivalsProgress?.Report(arrivals);
            if (arrivals == _arrivalsTarget)
            {
                _arrivalsDone?.TrySetResult();
            }
        }

        public void Done(int slot)
        {
            var at = Stopwatch.GetTimestamp();
            if (DoneAt is { } table && slot >= 0 && slot < table.Length)
            {
                table[slot] = at;
            }
            if (Interlocked.Increment(ref _done) == _doneTarget)
            {
                _doneDone?.TrySetResult();
            }
        }
    }
}
