using System.Diagnostics;
using System.Runtime;

namespace Network.Bench;

/// <summary>The process's memory at one moment: the managed heap after full collections, and the resident set.</summary>
internal readonly record struct MemorySample(long ManagedHeapBytes, long WorkingSetBytes)
{
    /// <summary>Growth from <paramref name="before"/> to this sample, per instance added in between.</summary>
    public (double Heap, double WorkingSet) PerInstanceSince(MemorySample before, int instances) =>
        ((double)(ManagedHeapBytes - before.ManagedHeapBytes) / instances, (double)(WorkingSetBytes - before.WorkingSetBytes) / instances);
}

internal static class Measure
{
    /// <summary>Runs <paramref name="body"/> for 0..count-1 with at most <paramref name="concurrency"/> in flight.</summary>
    public static Task ForEachAsync(int count, int concurrency, Func<int, Task> body) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await body(i).ConfigureAwait(false));

    /// <summary>
    /// Two full, blocking, compacting collections; then the managed heap and the working set (resident memory, which
    /// also counts native memory such as SQLite's page cache and what the GC keeps committed for later).
    /// </summary>
    public static MemorySample MemoryAfterFullGc()
    {
        for (var pass = 0; pass < 2; pass++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var process = Process.GetCurrentProcess();
        return new MemorySample(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    public static double Percentile(double[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(fraction * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static double Milliseconds(long fromTimestamp, long toTimestamp) =>
        Stopwatch.GetElapsedTime(fromTimestamp, toTimestamp).TotalMilliseconds;

    /// <summary>Prints progress of a long phase, with the rate since the last line, at most every ten seconds.</summary>
    public static IProgress<int> Progress(string what, int total)
    {
        var clock = Stopwatch.StartNew();
        var lastAt = TimeSpan.Zero;
        var lastDone = 0;
        var gate = new object();
        return new SyncProgress(done =>
        {
            lock (gate)
            {
                var now = clock.Elapsed;
                if ((now - lastAt).TotalSeconds >= 10 || done == total)
                {
                    var rate = (done - lastDone) / (now - lastAt).TotalSeconds;
                    Console.Error.WriteLine($"  {what}: {done:N0}/{total:N0} after {now.TotalSeconds:F0} s ({rate:N0}/s lately)");
                    lastAt = now;
                    lastDone = done;
                }
            }
        });
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
