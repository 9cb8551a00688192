using System.Globalization;

namespace Network.Bench;

/// <summary>Prints the figures as a Markdown table (so it can go into the README as it is), then what they mean.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<EngineFigures> network, EngineFigures? peer, BenchOptions options)
    {
        var all = peer is null ? network : [.. network, peer];
        var header = new[] { "engine", "in flight", "starts/s", "events/s", "events/s idle", "p50 ms", "p99 ms", "heap B/idle", "RSS B/idle" };
        var rows = all.Select(r => new[]
        {
            r.Engine, F(r.InFlight, "N0"), F(r.StartsPerSecond, "N0"), F(r.EventsPerSecond, "N0"), F(r.EventsPerSecondWithIdle, "N0"),
            F(r.P50Milliseconds, "N2"), F(r.P99Milliseconds, "N2"), F(r.HeapBytesPerIdleInstance, "N0"), F(r.WorkingSetBytesPerIdleInstance, "N0"),
        }).ToList();
        if (peer is not null)
        {
            foreach (var r in network)
            {
                rows.Add(
                [
                    "ratio " + r.Engine.Replace("Network ", "", StringComparison.Ordinal) + " / WorkflowCore", "",
                    Ratio(r.StartsPerSecond, peer.StartsPerSecond), Ratio(r.EventsPerSecond, peer.EventsPerSecond),
                    Ratio(r.EventsPerSecondWithIdle, peer.EventsPerSecondWithIdle),
                    Ratio(r.P50Milliseconds, peer.P50Milliseconds), Ratio(r.P99Milliseconds, peer.P99Milliseconds),
                    Ratio(r.HeapBytesPerIdleInstance, peer.HeapBytesPerIdleInstance),
                    Ratio(r.WorkingSetBytesPerIdleInstance, peer.WorkingSetBytesPerIdleInstance),
                ]);
            }
        }

        Console.WriteLine();
        MarkdownTable.Print(header, rows);

        Console.WriteLine();
        Console.WriteLine("Stores, and the idle phase (instances started and left waiting, then measured):");
        foreach (var r in all)
        {
            Console.WriteLine($" - {r.Engine}: {r.Store}; {r.IdleInstances:N0} idle instances started in {r.IdleSeconds:N0} s ({r.IdleInstances / r.IdleSeconds:N0}/s, {r.IdleInFlight} in flight).");
        }
        Console.WriteLine();
        Console.WriteLine($"""
            {(options.Rounds > 1 ? $"Each figure is its median over {options.Rounds} rounds in which the engines took turns, each round in new processes (by round below).\n" : "")}Scenario: start an instance; it waits for event Ping carrying its key; the event resumes it; it finishes.
            {options.Instances:N0} starts, then {options.Events:N0} events, then {options.IdleInstances:N0} instances started and left waiting, then "events/s idle":
            {options.Events:N0} fresh instances started beside the waiting ones (not timed) and their {options.Events:N0} events, timed as events/s; for
            Network all in one tenant. "in flight" is how many calls the benchmark keeps going at once (its choice per engine: see the README).
            Before the timed phases, not timed: {options.WarmUps(BenchEngine.Sqlite):N0} starts and events for Network (so its code runs compiled
            optimised), {options.WarmUps(BenchEngine.WorkflowCore):N0} for WorkflowCore (its in-memory store looks through every instance it holds
            at each poll, so more would slow its timed phases).
            What differs:
             - Network writes every instance to its database after every step; Start and the event's dispatch return after the
               write, with the durability listed above. WorkflowCore here keeps everything in process memory and writes nothing.
             - Network: a start counts when Start returned (instance stored, waiting). An event is WorkflowTriggers.DispatchAsync,
               the route a domain event takes: the wait index finds the instance waiting for Ping with that key, and the call
               returns once the resumed step is stored; latency is that call. WorkflowCore: StartWorkflow and PublishEvent only
               queue work, so a start counts when its first step ran (its wait is registered in the same pass) and latency runs
               from PublishEvent to the step after the wait having run: mostly time queued behind the other events in flight.
             - Memory per idle instance = growth of the engine's own process while the idle instances were started, divided by
               their number. heap: managed heap after two full compacting GCs. RSS: resident memory (also native memory such as
               SQLite's page cache, and heap space the GC keeps committed), so it is the rougher of the two.
               Network: each waiting instance's grain activation (with its state); its wait is a row of the index table, and the
               index entry of its correlation value is not activated (kept events are read from their table). Here activations are kept
               {NetworkSilo.BenchCollectionAge.TotalHours:N0} h so none is dropped mid-measurement; the host keeps Orleans' default,
               {NetworkSilo.DefaultCollectionAge.TotalMinutes:N0} min, after which an idle instance lives only in the database.
               WorkflowCore: its instances and event subscriptions, in its in-memory store for good.
             - Ratios are Network / WorkflowCore: above 1 is better for Network on starts/s and events/s (idle too), worse on
               latency and memory.
            """);
    }

    /// <summary>A figure as the tables print it (invariant culture).</summary>
    internal static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Ratio(double network, double peer)
    {
        if (!(peer > 0) || double.IsNaN(network))
        {
            return "n/a";
        }
        var ratio = network / peer;
        // Two decimals, or two significant digits when the ratio is small (0.0041x rather than 0.00x).
        return ratio.ToString(ratio >= 0.1 ? "0.00" : "G2", CultureInfo.InvariantCulture) + "x";
    }
}
