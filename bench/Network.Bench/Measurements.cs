using System.Diagnostics;
using System.Runtime;

namespace Network.Bench;

/// <summary>The four figures of one engine on one store.</summary>
internal sealed record EngineFigures(
    string Engine,
    double StartsPerSecond,
    double EventsPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    double BytesPerIdleInstance,
    int IdleInstances);

internal static class Measure
{
    /// <summary>Runs <paramref name="body"/> for 0..count-1 with at most <paramref name="concurrency"/> in flight.</summary>
    public static Task ForEachAsync(int count, int concurrency, Func<int, Task> body) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await body(i).ConfigureAwait(false));

    /// <summary>Two full, blocking, compacting collections; then the managed heap in bytes.</summary>
    public static long ManagedHeapAfterFullGc()
    {
        for (var pass = 0; pass < 2; pass++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: false);
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

    /// <summary>Prints progress for long phases, at most every two seconds.</summary>
    public static IProgress<int> Progress(string what, int total)
    {
        var last = Stopwatch.StartNew();
        var gate = new object();
        return new SyncProgress(done =>
        {
            lock (gate)
            {
                if (last.Elapsed.TotalSeconds >= 2 || done == total)
                {
                    Console.Error.WriteLine($"  {what}: {done:N0}/{total:N0}");
                    last.Restart();
                }
            }
        });
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
