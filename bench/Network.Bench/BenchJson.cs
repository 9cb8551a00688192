using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.Bench;

/// <summary>
/// The figures a run printed, written as JSON with <c>--json PATH</c> (issue 13), for tools that follow them from run
/// to run: the engine run writes "engines" (those not skipped; each figure its median over the rounds, as in the
/// table) and "history" (when it ran), <c>--history</c> only "history", <c>--links</c> only "links", <c>--soak</c>
/// only "soak" (<see cref="SoakJson"/>). Names camelCase, figures JSON numbers (two decimals); PATH is overwritten.
/// </summary>
internal static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes the document to <paramref name="path"/> (nothing when null), replacing what was there.</summary>
    public static async Task WriteAsync(string? path, BenchJsonDocument document)
    {
        if (path is null)
        {
            return;
        }
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Options) + "\n").ConfigureAwait(false);
        Console.WriteLine($"figures written to {path}");
    }

    public static EngineJson From(EngineFigures f) => new(
        Name(f.Kind), f.InFlight, R(f.StartsPerSecond), R(f.EventsPerSecond), R(f.EventsPerSecondWithIdle),
        R(f.P50Milliseconds), R(f.P99Milliseconds), R(f.HeapBytesPerIdleInstance), R(f.WorkingSetBytesPerIdleInstance));

    /// <summary>The history scenario runs on Network on a SQLite file only.</summary>
    public static HistoryJson From(HistoryFigures f) => new(Name(BenchEngine.Sqlite), R(f.AtSmall.PerSecond), R(f.AtLarge.PerSecond));

    /// <param name="appliedPerSecond">The throughput phase's: messages published at once, until the last event came back.</param>
    /// <param name="p50Milliseconds">The latency phase's, one message at a time; so is <paramref name="p99Milliseconds"/>.</param>
    public static LinksJson Links(double appliedPerSecond, double p50Milliseconds, double p99Milliseconds) =>
        new(R(appliedPerSecond), R(p50Milliseconds), R(p99Milliseconds));

    private static string Name(BenchEngine engine) => engine switch
    {
        BenchEngine.Sqlite => "network-sqlite",
        BenchEngine.PostgreSql => "network-postgresql",
        _ => "workflowcore",
    };

    private static double R(double value) => Math.Round(value, 2);
}

/// <summary>The whole file; a part that did not run is left out.</summary>
internal sealed record BenchJsonDocument(
    IReadOnlyList<EngineJson>? Engines = null,
    HistoryJson? History = null,
    LinksJson? Links = null,
    SoakJson? Soak = null);

/// <summary>One engine's row of the result table ("events/s idle" is <see cref="EventsPerSecondWithIdle"/>).</summary>
internal sealed record EngineJson(
    string Engine,
    int InFlight,
    double StartsPerSecond,
    double EventsPerSecond,
    double EventsPerSecondWithIdle,
    double P50Ms,
    double P99Ms,
    double HeapBytesPerIdleInstance,
    double RssBytesPerIdleInstance);

/// <summary>Progress recorded per second on the commitments that had 10 and 2,000 updates.</summary>
internal sealed record HistoryJson(
    string Engine,
    double ProgressPerSecondAt10,
    double ProgressPerSecondAt2000);

/// <summary>The tenant-link scenario: applied/s of the throughput phase, p50/p99 of the one-at-a-time phase.</summary>
internal sealed record LinksJson(
    double AppliedPerSecond,
    double P50Ms,
    double P99Ms);
