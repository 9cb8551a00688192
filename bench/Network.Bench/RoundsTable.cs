using static Network.Bench.ResultTable;

namespace Network.Bench;

/// <summary>
/// Each round's events/s, events/s idle and p99 beside their medians, and each round's ratios to the peer's same
/// round: how far apart the rounds were, which the medians of <see cref="ResultTable"/> do not show.
/// </summary>
internal static class RoundsTable
{
    public static void Print(IReadOnlyList<(BenchEngine Kind, EngineRounds Rounds)> engines)
    {
        var count = engines.Max(e => e.Rounds.Rounds.Count);
        string[] header = ["figure", .. Enumerable.Range(1, count).Select(r => $"round {r}"), "median"];
        var rows = new List<string[]>();
        foreach (var (_, rounds) in engines)
        {
            var median = rounds.Median();
            rows.Add(Row($"{median.Engine}: events/s", rounds.Rounds.Select(f => F(f.EventsPerSecond, "N0")), F(median.EventsPerSecond, "N0")));
            rows.Add(Row($"{median.Engine}: events/s idle", rounds.Rounds.Select(f => F(f.EventsPerSecondWithIdle, "N0")), F(median.EventsPerSecondWithIdle, "N0")));
            rows.Add(Row($"{median.Engine}: p99 ms", rounds.Rounds.Select(f => F(f.P99Milliseconds, "N2")), F(median.P99Milliseconds, "N2")));
        }
        if (engines.FirstOrDefault(e => e.Kind == BenchEngine.WorkflowCore).Rounds is { } peer)
        {
            foreach (var (_, rounds) in engines.Where(e => e.Kind != BenchEngine.WorkflowCore))
            {
                var name = rounds.Rounds[0].Engine.Replace("Network ", "", StringComparison.Ordinal);
                rows.Add(Row($"ratio {name} / WorkflowCore, events/s (same round)",
                    rounds.Rounds.Zip(peer.Rounds, (n, p) => Ratio(n.EventsPerSecond, p.EventsPerSecond)), ""));
                rows.Add(Row($"ratio {name} / WorkflowCore, events/s idle (same round)",
                    rounds.Rounds.Zip(peer.Rounds, (n, p) => Ratio(n.EventsPerSecondWithIdle, p.EventsPerSecondWithIdle)), ""));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"By round (the engines took turns, each round in new processes; the table above gives the medians):");
        Console.WriteLine();
        MarkdownTable.Print(header, rows);
    }

    private static string[] Row(string figure, IEnumerable<string> rounds, string median) => [figure, .. rounds, median];
}
