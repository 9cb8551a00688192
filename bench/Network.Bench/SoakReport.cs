using System.Globalization;
using Network.Testing;

namespace Network.Bench;

/// <summary>Prints the soak's figures as Markdown tables (so they can go into the README), and makes its JSON part.</summary>
internal static class SoakReport
{
    private const double MiB = 1024 * 1024;

    public static void Print(SoakResult r, BenchOptions options, string brokerVersion, string store, long databaseBytes)
    {
        var rec = r.Recorder;
        Console.WriteLine();
        var minuteRows = rec.Minutes().Select(m => new[]
        {
            N(m.Minute + 1) + WarmUpMark(r, m.Minute),
            N(m.Requests), N(m.Messages), N(m.Errors), F(m.P50Ms, "N1"), F(m.P99Ms, "N1"), F(m.MessageP99Ms, "N1"),
            RssAtEndOf(r, m.Minute),
        }).ToList();
        MarkdownTable.Print(["minute", "requests", "link messages", "errors", "p50 ms", "p99 ms", "link confirm p99 ms", "host RSS MiB"], minuteRows);

        Console.WriteLine();
        MarkdownTable.Print(["operation", "count", "errors", "p50 ms", "p99 ms"],
            rec.Operations().Select(o => new[] { o.Name, N(o.Count), N(o.Errors), F(o.P50Ms, "N1"), F(o.P99Ms, "N1") }).ToList());

        var (p50, p99) = rec.RequestPercentiles();
        var d = r.Delivery;
        var v = r.Verdict;
        Console.WriteLine();
        MarkdownTable.Print(["soak, " + SoakDuration.Format(r.Duration), "figure", "target", "verdict"],
        [
            ["HTTP requests sent", N(rec.Requests), "", ""],
            ["link messages sent", N(rec.Messages), "", ""],
            ["errors", N(rec.ErrorCount), "0", v.ErrorsOk ? "met" : "MISSED"],
            ["refusals expected (isolation probe 404)", N(rec.ExpectedRefusals), "", ""],
            ["request p50 / p99 ms, whole run", $"{F(p50, "N1")} / {F(p99, "N1")}", "", ""],
            ["host CPU after warm-up, % of one core", F(CpuPercentOfOneCore(r), "N0") + $" (of {Environment.ProcessorCount * 100})", "", ""],
            ["link messages applied / missing / twice", $"{N(d.MessagesApplied)} / {N(d.MessagesMissing)} / {N(d.MessagesDuplicated)}", "all / 0 / 0", v.DeliveryOk ? "met" : "MISSED"],
            ["progress acknowledged / missing / twice", $"{N(d.ProgressAcknowledged)} / {N(d.ProgressMissing)} / {N(d.ProgressDuplicated)}", "all / 0 / 0", v.DeliveryOk ? "met" : "MISSED"],
            [$"host RSS after warm-up ({r.Start.At.TotalSeconds:N0} s) → end", $"{Mb(r.Start.RssBytes)} → {Mb(r.End.RssBytes)} MiB ({v.RssGrowthPercent:+0.0;-0.0}%)", $"≤ +{SoakVerdict.RssTolerance * 100:N0}%", v.MemoryOk ? "met" : "MISSED"],
            ["  of it anonymous / file / shared MiB", $"{Split(r.Start.Split)} → {Split(r.End.Split)}", "", ""],
            [$"  growth over the second half ({Middle(r).At.TotalSeconds:N0} s → end)", $"{Mb(Middle(r).RssBytes)} → {Mb(r.End.RssBytes)} MiB ({SecondHalfGrowthPercent(r):+0.0;-0.0}%)", "", ""],
            ["managed heap after warm-up → end", r.Start.ManagedHeapBytes is { } h0 && r.End.ManagedHeapBytes is { } h1 ? $"{Mb(h0)} → {Mb(h1)} MiB" : "n/a (RSS only)", "", ""],
            ["  of it gen2; full (gen2) collections between", r.Start.Gc is { } g0 && r.End.Gc is { } g1
                ? $"{Mb(g0.Gen2Bytes)} → {Mb(g1.Gen2Bytes)} MiB; {N((int)(g1.Gen2Collections - g0.Gen2Collections))}" : "n/a", "", ""],
            ["  gen2 right after each full collection", GenTwoAfterFullCollections(r), "", ""],
        ]);
        Console.WriteLine();
        var errors = rec.ErrorsByKind();
        if (errors.Count > 0)
        {
            Console.WriteLine("Errors by kind:");
            foreach (var (kind, count) in errors)
            {
                Console.WriteLine($" - {kind}: {count:N0}");
            }
            Console.WriteLine();
        }
        Console.WriteLine($"""
            Verdict: {(v.Passed ? "every target met" : "a target was MISSED")}.
            Scenario: {r.Partners} partner tenants of a forum, each with a member, a coordinator and an integration key, own
            {r.Commitments} commitments (the GFMD 2016 session C report imported as text, and copies of its session), two owners each.
            For {SoakDuration.Format(r.Duration)} ({r.LoadSeconds:N0} s until the last operation ended) {r.Rate} operations a second were started, open loop
            (each at its time whatever the others were doing; at most {r.MaxInFlight} in flight): progress by an owner's member
            (POST …/progress), commitment lists with filters, one commitment, tasks (and the completion of an open one the
            reader may complete: {r.TasksCompleted} completed), the inbox, the dashboard's lists, the audit trail, an isolation probe
            (a partner asking for a commitment it does not own: 404 expected, anything else an error), and link messages
            (ReportProgress, ExpressInterest as plain JSON with the partner's integration key, publisher confirms).
             - Latency: from when the operation was due to the last byte of the answer (HTTP) or the broker's confirm (links).
             - Every link message the broker confirmed and every progress report answered 200 was then looked for in its
               commitment's history, by its unique note: the last showed up {d.WaitedSeconds:N0} s after the load.
             - Memory: the host process's VmRSS from /proc/<pid>/status every 5 s; "after warm-up" is the first sample after
               {r.WarmUp.TotalSeconds:N0} s (a minute, or a tenth of a shorter run). Managed heap: {r.HeapSource}.
             - Host: {HostAssembly.Path}
               as a child process; store {store}, {databaseBytes / MiB:N1} MiB with its WAL at the end.
             - Broker: RabbitMQ {brokerVersion}, throwaway, on loopback.
            """);
    }

    public static SoakJson Json(SoakResult r, BenchOptions options)
    {
        var rec = r.Recorder;
        var (p50, p99) = rec.RequestPercentiles();
        var d = r.Delivery;
        return new SoakJson(
            R(r.Duration.TotalSeconds), r.Rate, r.Partners, r.Commitments,
            rec.Requests, rec.Messages, rec.ErrorCount,
            rec.ErrorsByKind().ToDictionary(e => e.Kind, e => e.Count, StringComparer.Ordinal),
            rec.ExpectedRefusals, R(p50), R(p99),
            rec.Minutes().Select(m => new SoakMinuteJson(m.Minute + 1, m.Requests, m.Messages, m.Errors, R(m.P50Ms), R(m.P99Ms), RssBytesAtEndOf(r, m.Minute))).ToList(),
            new SoakDeliveryJson(d.MessagesConfirmed, d.MessagesApplied, d.MessagesMissing, d.MessagesDuplicated, d.ProgressAcknowledged, d.ProgressMissing, d.ProgressDuplicated),
            new SoakMemoryJson(
                r.ManagedHeapSource(), R(r.Start.At.TotalSeconds), r.Start.RssBytes, r.End.RssBytes, R(r.Verdict.RssGrowthPercent),
                r.Start.ManagedHeapBytes, r.End.ManagedHeapBytes, R(CpuPercentOfOneCore(r)),
                r.Start.Split, r.End.Split, R(SecondHalfGrowthPercent(r))),
            new SoakVerdictJson(r.Verdict.ErrorsOk, r.Verdict.DeliveryOk, r.Verdict.MemoryOk, R(SoakVerdict.RssTolerance * 100), r.Verdict.Passed));
    }

    /// <summary>
    /// Gen2's size at the first sample after each full collection since warm-up ("at 95 s: 40.1 MiB, …"): right after a
    /// full collection gen2 holds only what is alive, so a rising series is data the host keeps, a flat one is not.
    /// </summary>
    private static string GenTwoAfterFullCollections(SoakResult r)
    {
        var after = new List<string>();
        HostMemorySample? previous = null;
        foreach (var sample in r.Memory.Where(m => m.At >= r.Start.At && m.Gc is not null))
        {
            if (previous?.Gc is { } before && sample.Gc!.Gen2Collections > before.Gen2Collections)
            {
                after.Add($"{sample.At.TotalSeconds:N0} s: {Mb(sample.Gc.Gen2Bytes)}");
            }
            previous = sample;
        }
        return after.Count == 0 ? "none ran" : string.Join(", ", after.TakeLast(8)) + " MiB";
    }

    private static string Split(RssSplit s) => $"{Mb(s.AnonymousBytes)} / {Mb(s.FileBytes)} / {Mb(s.SharedBytes)}";

    /// <summary>
    /// The sample halfway between warm-up and the end: growth that continues through the second half at the rate of
    /// the first is a leak's shape; growth that levels off is the host's caches and budgets settling.
    /// </summary>
    private static HostMemorySample Middle(SoakResult r)
    {
        var half = r.Start.At + (r.End.At - r.Start.At) / 2;
        return r.Memory.Where(s => s.At <= half).LastOrDefault() ?? r.Start;
    }

    private static double SecondHalfGrowthPercent(SoakResult r) => (r.End.RssBytes - Middle(r).RssBytes) / (double)Middle(r).RssBytes * 100;

    private static string WarmUpMark(SoakResult r, int minute) =>
        TimeSpan.FromMinutes(minute) >= r.WarmUp ? ""
        : TimeSpan.FromMinutes(minute + 1) <= r.WarmUp ? " (warm-up)"
        : " (warm-up in it)";

    /// <summary>The host's CPU time from after warm-up to the end, as a share of one core.</summary>
    public static double CpuPercentOfOneCore(SoakResult r) =>
        (r.End.CpuSeconds - r.Start.CpuSeconds) / (r.End.At - r.Start.At).TotalSeconds * 100;

    private static string ManagedHeapSource(this SoakResult r) => r.Start.ManagedHeapBytes is null ? "rss-only" : "metrics";

    /// <summary>The last sample taken in the minute (or before it), for the "over time" column.</summary>
    private static HostMemorySample? SampleAtEndOf(SoakResult r, int minute) =>
        r.Memory.LastOrDefault(s => s.At < TimeSpan.FromMinutes(minute + 1));

    private static string RssAtEndOf(SoakResult r, int minute) => SampleAtEndOf(r, minute) is { } s ? Mb(s.RssBytes) : "";

    private static long? RssBytesAtEndOf(SoakResult r, int minute) => SampleAtEndOf(r, minute)?.RssBytes;

    private static string Mb(long bytes) => (bytes / MiB).ToString("N1", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => double.IsNaN(value) ? "" : value.ToString(format, CultureInfo.InvariantCulture);

    private static double R(double value) => double.IsNaN(value) ? 0 : Math.Round(value, 2);
}

/// <summary>The soak's part of the JSON file.</summary>
internal sealed record SoakJson(
    double DurationSeconds,
    int RatePerSecond,
    int Tenants,
    int Commitments,
    int Requests,
    int Messages,
    int Errors,
    IReadOnlyDictionary<string, int> ErrorsByKind,
    int ExpectedRefusals,
    double P50Ms,
    double P99Ms,
    IReadOnlyList<SoakMinuteJson> Minutes,
    SoakDeliveryJson Delivery,
    SoakMemoryJson Memory,
    SoakVerdictJson Verdict);

internal sealed record SoakMinuteJson(int Minute, int Requests, int Messages, int Errors, double P50Ms, double P99Ms, long? RssBytes);

internal sealed record SoakDeliveryJson(
    int MessagesConfirmed, int MessagesApplied, int MessagesMissing, int MessagesDuplicated,
    int ProgressAcknowledged, int ProgressMissing, int ProgressDuplicated);

/// <param name="Source">"rss-only", or "metrics" when the host's /metrics gave the managed heap too.</param>
internal sealed record SoakMemoryJson(
    string Source, double StartAtSeconds, long StartRssBytes, long EndRssBytes, double RssGrowthPercent, long? StartHeapBytes, long? EndHeapBytes,
    double HostCpuPercentOfOneCore,
    RssSplit StartSplit,
    RssSplit EndSplit,
    double SecondHalfRssGrowthPercent);

internal sealed record SoakVerdictJson(bool ErrorsOk, bool DeliveryOk, bool MemoryOk, double RssTolerancePercent, bool Passed);
