using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Network.Bench;

/// <summary>
/// The parent process: says what runs where, runs the engines in turn for each round (<see cref="BenchOptions.Rounds"/>)
/// and the history scenario once, each in a process of its own, and prints the tables: the medians, then the rounds.
/// </summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args)
    {
        var wall = Stopwatch.StartNew();
        var history = $"the history scenario with {options.HistoryUpdates:N0} updates timed on each commitment";
        if (options.History)
        {
            PrintFacts(options, args, history);
            var figures = await ChildProcess.RunHistoryAsync(options).ConfigureAwait(false);
            HistoryTable.Print(figures);
            await BenchJson.WriteAsync(options.JsonPath, new BenchJsonDocument(History: BenchJson.From(figures))).ConfigureAwait(false);
            Console.WriteLine($"wall time: {wall.Elapsed:h\\:mm\\:ss}");
            return 0;
        }
        PrintFacts(options, args, $"{options.Instances:N0} instances, {options.Events:N0} events, {options.IdleInstances:N0} idle waiting instances" +
            (options.SkipHistory ? "" : "; " + history));

        var order = EnginesOf(options).ToList();
        var rounds = order.ToDictionary(engine => engine, _ => new List<EngineFigures>());
        // After the first round's SQLite engine, as it runs on a SQLite file too; first, when that engine is skipped.
        var historyFigures = options.SkipSqlite && !options.SkipHistory ? await ChildProcess.RunHistoryAsync(options).ConfigureAwait(false) : null;
        var postgres = await BenchPostgres.OpenAsync(options).ConfigureAwait(false);
        await using (postgres.ConfigureAwait(false))
        {
            for (var round = 1; round <= options.Rounds; round++)
            {
                if (options.Rounds > 1)
                {
                    Console.Error.WriteLine($"round {round} of {options.Rounds}");
                }
                foreach (var engine in order)
                {
                    rounds[engine].Add(engine == BenchEngine.PostgreSql
                        ? await ChildProcess.RunEngineAsync(options, engine, await postgres.DatabaseForRoundAsync(round).ConfigureAwait(false)).ConfigureAwait(false)
                        : await ChildProcess.RunEngineAsync(options, engine).ConfigureAwait(false));
                    if (round == 1 && engine == BenchEngine.Sqlite && !options.SkipHistory)
                    {
                        historyFigures = await ChildProcess.RunHistoryAsync(options).ConfigureAwait(false);
                    }
                }
            }
        }

        var network = order.Where(e => e != BenchEngine.WorkflowCore).Select(e => new EngineRounds(rounds[e]).Median()).ToList();
        var peer = rounds.TryGetValue(BenchEngine.WorkflowCore, out var peerRounds) ? new EngineRounds(peerRounds).Median() : null;
        List<EngineFigures> engines = peer is null ? network : [.. network, peer];
        if (engines.Count > 0)
        {
            ResultTable.Print(network, peer, options);
            if (options.Rounds > 1)
            {
                RoundsTable.Print(order.Select(e => (e, new EngineRounds(rounds[e]))).ToList());
            }
        }
        if (historyFigures is not null)
        {
            HistoryTable.Print(historyFigures);
        }
        await BenchJson.WriteAsync(options.JsonPath, new BenchJsonDocument(
            engines.Select(BenchJson.From).ToList(), historyFigures is null ? null : BenchJson.From(historyFigures))).ConfigureAwait(false);
        Console.WriteLine($"wall time: {wall.Elapsed:h\\:mm\\:ss}");
        return 0;
    }

    /// <summary>The engines not skipped, in the order each round runs them.</summary>
    private static IEnumerable<BenchEngine> EnginesOf(BenchOptions options)
    {
        if (!options.SkipSqlite)
        {
            yield return BenchEngine.Sqlite;
        }
        if (!options.SkipPostgres)
        {
            yield return BenchEngine.PostgreSql;
        }
        if (!options.SkipWorkflowCore)
        {
            yield return BenchEngine.WorkflowCore;
        }
    }

    /// <summary>What runs where: the command line, the machine, the settings, the time.</summary>
    public static void PrintFacts(BenchOptions options, IReadOnlyList<string> args, string settings)
    {
        var command = "dotnet run -c Release --project bench/Network.Bench --" +
            string.Concat(args.Select(a => " " + Quote(a == options.PostgresConnectionString ? MaskPassword(a) : a)));
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        Console.WriteLine($"command:  {command}");
        Console.WriteLine($"machine:  {Environment.ProcessorCount} cores, {memory:N0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC {GCSettings.IsServerGC}, background GC {GCSettings.LatencyMode != GCLatencyMode.Batch}, DATAS {AppContext.GetData("System.GC.DynamicAdaptationMode") is not (0 or "0")}");
        Console.WriteLine($"settings: {settings}");
        Console.WriteLine($"started:  {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
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
}
