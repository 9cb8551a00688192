using System.Globalization;
using Network.Testing;

namespace Network.Bench;

/// <summary>The host's memory at one moment: its resident set, and its managed heap when the host tells it.</summary>
/// <param name="RssBytes">VmRSS from /proc/{pid}/status: everything resident, native memory (SQLite's caches, the
/// runtime) and the heap space the GC keeps committed, as an operator's `top` or a container limit sees it.</param>
/// <param name="ManagedHeapBytes">The managed heap after the last collection, from the host's /metrics; null when the
/// host serves no scrape endpoint to this client (BrokeredHost gives it the key) or it does not carry the figure.</param>
/// <param name="CpuSeconds">User and system CPU time the host used since it started (/proc/{pid}/stat), so the
/// report can say how busy the load kept it.</param>
/// <param name="Split">VmRSS's parts from the same file: anonymous (the managed heap, native allocations such as
/// SQLite's page caches), file-backed (mapped assemblies and libraries) and shared memory (SQLite's WAL index, -shm).
/// Without the managed heap it is the closest the report gets to where growth lies.</param>
/// <param name="Gc">The heap's gen2 part and the gen2 (full) collections so far, from the same /metrics; null with the heap.</param>
internal sealed record HostMemorySample(TimeSpan At, long RssBytes, long? ManagedHeapBytes, double CpuSeconds, RssSplit Split, GcFigures? Gc = null);

/// <summary>
/// Where the managed heap lies: the size of gen2 after the last collection, and how many gen2 (full) collections ran.
/// A gen2 that grows between two samples with no full collection between them may be garbage not yet collected; one
/// that grows across full collections is data the host keeps.
/// </summary>
internal sealed record GcFigures(long Gen2Bytes, long Gen2Collections);

internal sealed record RssSplit(long AnonymousBytes, long FileBytes, long SharedBytes);

/// <summary>
/// Reads the host's memory from outside, without new packages: the kernel's account of the process for RSS, and,
/// when the host serves an OpenTelemetry Prometheus endpoint, the runtime's own GC heap figure. dotnet-counters and
/// the diagnostics client library are not available here, and the host's /health does not say.
/// </summary>
internal sealed class HostMemory(HostProcess host, HttpClient client)
{
    /// <summary>The runtime's "dotnet.gc.last_collection.heap.size" per generation, as a Prometheus exporter names it.</summary>
    private const string HeapMetric = "dotnet_gc_last_collection_heap_size_bytes";

    private bool _metricsAbsent;

    /// <summary>Where the managed heap figure came from, for the report.</summary>
    public string HeapSource => _metricsAbsent
        ? "not available: the host serves no /metrics with " + HeapMetric + "; RSS only"
        : "the host's /metrics (" + HeapMetric + ", summed over generations)";

    public async Task<HostMemorySample> SampleAsync(TimeSpan at)
    {
        var status = ReadStatus(host.ProcessId);
        var (heap, gc) = _metricsAbsent ? (null, null) : await ReadHeapAsync().ConfigureAwait(false);
        return new HostMemorySample(at, status["VmRSS"], heap, ReadCpuSeconds(host.ProcessId),
            new RssSplit(status["RssAnon"], status["RssFile"], status["RssShmem"]), gc);
    }

    /// <summary>The kernel's clock ticks per second for /proc times (USER_HZ): 100 on Linux on every common platform.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime, fields 14 and 15 of /proc/{pid}/stat, counted after the command's closing parenthesis.</summary>
    private static double ReadCpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state), so field 14 is fields[11].
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>The memory lines of /proc/{pid}/status ("VmRSS:     123456 kB"), in bytes, by name.</summary>
    private static Dictionary<string, long> ReadStatus(int pid)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            var parts = line.Split([':', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && parts[2] == "kB" && parts[0] is "VmRSS" or "RssAnon" or "RssFile" or "RssShmem")
            {
                values[parts[0]] = long.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
            }
        }
        return values.Count == 4
            ? values
            : throw new InvalidOperationException($"/proc/{pid}/status lacks VmRSS, RssAnon, RssFile or RssShmem: is the host still running?");
    }

    /// <summary>The runtime's "dotnet.gc.collections" per generation, as a Prometheus exporter names the counter.</summary>
    private const string CollectionsMetric = "dotnet_gc_collections_total";

    private const string Gen2Label = "gc_heap_generation=\"gen2\"";

    /// <summary>The heap figures when /metrics has them; the first answer without them settles that they are absent.</summary>
    private async Task<(long? Heap, GcFigures? Gc)> ReadHeapAsync()
    {
        if (await HostMetrics.ScrapeAsync(client).ConfigureAwait(false) is not { } text)
        {
            _metricsAbsent = true;
            return (null, null);
        }
        long? total = null;
        long gen2 = 0, gen2Collections = 0;
        foreach (var (series, value) in HostMetrics.Samples(text))
        {
            var gen2Series = series.Contains(Gen2Label, StringComparison.Ordinal);
            if (series.StartsWith(HeapMetric, StringComparison.Ordinal))
            {
                total = (total ?? 0) + (long)value;
                gen2 += gen2Series ? (long)value : 0;
            }
            else if (gen2Series && series.StartsWith(CollectionsMetric, StringComparison.Ordinal))
            {
                gen2Collections += (long)value;
            }
        }
        _metricsAbsent = total is null;
        return (total, total is null ? null : new GcFigures(gen2, gen2Collections));
    }
}
