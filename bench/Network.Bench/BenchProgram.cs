using System.Globalization;
using System.Runtime.InteropServices;
using Network.Host.Storage;

namespace Network.Bench;

/// <summary>
/// Issue 4, point 11: Network's engine on the embedded default (SQLite) and, with --postgres, on PostgreSQL, against
/// WorkflowCore 3.22.0 in memory, on one scenario: start, wait for an event, resume, finish.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args, Console.Error);
        if (options is null)
        {
            return 2;
        }

        var command = "dotnet run -c Release --project bench/Network.Bench --" +
            string.Concat(args.Select(a => " " + Quote(a == options.PostgresConnectionString ? MaskPassword(a) : a)));
        Console.WriteLine($"command:  {command}");
        Console.WriteLine($"machine:  {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine($"settings: {options.Instances:N0} instances, {options.Events:N0} events, {options.IdleInstances:N0} idle waiting instances, {options.Concurrency} calls in flight");
        if (options.IdleInstances < BenchOptions.IssueIdleInstances)
        {
            Console.WriteLine($"note:     memory is measured with {options.IdleInstances:N0} waiting instances, not the {BenchOptions.IssueIdleInstances:N0} of the issue; pass --idle-instances {BenchOptions.IssueIdleInstances} for that (many minutes on SQLite).");
        }
        Console.WriteLine();

        var results = new List<EngineFigures>();
        var temp = Path.Combine(Path.GetTempPath(), "network-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var sqlite = new StorageOptions { Sqlite = new SqliteStorageOptions { Path = Path.Combine(temp, "network.db") } };
            results.Add(await NetworkEngineBench.RunAsync("Network (SQLite file)", sqlite, options, CancellationToken.None).ConfigureAwait(false));
        }
        finally
        {
            TryDelete(temp);
        }

        if (options.PostgresConnectionString is { } postgres)
        {
            var storage = new StorageOptions { Provider = StorageOptions.PostgreSqlProviderName, ConnectionString = postgres };
            results.Add(await NetworkEngineBench.RunAsync("Network (PostgreSQL)", storage, options, CancellationToken.None).ConfigureAwait(false));
        }

        EngineFigures? peer = null;
        if (!options.SkipWorkflowCore)
        {
            peer = await WorkflowCoreBench.RunAsync(options).ConfigureAwait(false);
        }

        Print(results, peer, options);
        return 0;
    }

    private static void Print(IReadOnlyList<EngineFigures> network, EngineFigures? peer, BenchOptions options)
    {
        var all = peer is null ? network : [.. network, peer];
        var header = new[] { "engine", "starts/s", "events/s", "p50 ms", "p99 ms", "bytes/idle instance" };
        var rows = all.Select(r => new[]
        {
            r.Engine, F(r.StartsPerSecond, "N0"), F(r.EventsPerSecond, "N0"), F(r.P50Milliseconds, "N2"), F(r.P99Milliseconds, "N2"),
            F(r.BytesPerIdleInstance, "N0"),
        }).ToList();
        if (peer is not null)
        {
            foreach (var r in network)
            {
                rows.Add(
                [
                    "ratio " + r.Engine.Replace("Network ", "", StringComparison.Ordinal) + " / WorkflowCore",
                    Ratio(r.StartsPerSecond, peer.StartsPerSecond), Ratio(r.EventsPerSecond, peer.EventsPerSecond),
                    Ratio(r.P50Milliseconds, peer.P50Milliseconds), Ratio(r.P99Milliseconds, peer.P99Milliseconds),
                    Ratio(r.BytesPerIdleInstance, peer.BytesPerIdleInstance),
                ]);
            }
        }

        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(row => row[c].Length))).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |";
        Console.WriteLine();
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine(Line(row));
        }
        Console.WriteLine();
        Console.WriteLine($"Scenario: start an instance, it waits for event Ping with its key, the event resumes it, it finishes. {options.Instances:N0} starts and {options.Events:N0} events, {options.Concurrency} calls in flight; memory with {options.IdleInstances:N0} instances left waiting.");
        Console.WriteLine("What differs:");
        Console.WriteLine(" - Network persists every instance to a real database after every step (Start and Deliver return after the write);");
        Console.WriteLine("   WorkflowCore here keeps everything in process memory (its default in-memory persistence) and writes nothing to disk.");
        Console.WriteLine(" - Network: a start counts when Start returned (instance stored, waiting); latency is the Deliver call, which returns after the");
        Console.WriteLine("   resumed step is persisted. WorkflowCore: StartWorkflow/PublishEvent only queue work, so a start counts when its first step ran");
        Console.WriteLine("   (the wait is registered in the same pass) and latency runs from PublishEvent to the step after the wait having run.");
        Console.WriteLine(" - Memory per idle instance = growth of the managed heap after two full compacting GCs, divided by the instances left waiting.");
        Console.WriteLine("   For Network it is mostly the Orleans grain activations (with their state), which stay in memory until idle collection;");
        Console.WriteLine("   for WorkflowCore it is the instances and event subscriptions in its in-memory store.");
        Console.WriteLine(" - WorkflowCore's latency is mostly the time its background workers take to pick the queued event up, with many");
        Console.WriteLine("   events queued at once; Network's Deliver does the work inside the call. Read the latency ratio with that in mind.");
        Console.WriteLine(" - Ratios are Network / WorkflowCore: above 1 is better for Network on starts/s and events/s, worse on latency and memory.");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Ratio(double network, double peer)
    {
        if (!(peer > 0) || double.IsNaN(network))
        {
            return "n/a";
        }
        var ratio = network / peer;
        // Two decimals, or two significant digits when the ratio is small (0.0041x rather than 0.00x).
        return ratio.ToString(ratio >= 0.1 ? "0.00" : "G2", CultureInfo.InvariantCulture) + "x";
    }

    private static string Quote(string arg) => arg.Contains(' ', StringComparison.Ordinal) || arg.Contains(';', StringComparison.Ordinal) ? "\"" + arg + "\"" : arg;

    /// <summary>The command line is printed; a password in it is not.</summary>
    private static string MaskPassword(string connectionString)
    {
        var parts = connectionString.Split(';');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && parts[i][..eq].Trim().Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = parts[i][..(eq + 1)] + "***";
            }
        }
        return string.Join(';', parts);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
