using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Network.Testing;

namespace Network.Bench;

/// <summary>
/// The parent process: says what runs where, runs each engine and the history scenario in its own process, prints
/// the tables.
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

        var network = new List<EngineFigures>();
        if (!options.SkipSqlite)
        {
            network.Add(await ChildProcess.RunEngineAsync(options, BenchEngine.Sqlite).ConfigureAwait(false));
        }
        var historyFigures = options.SkipHistory ? null : await ChildProcess.RunHistoryAsync(options).ConfigureAwait(false);
        if (!options.SkipPostgres)
        {
            network.Add(await RunPostgresAsync(options).ConfigureAwait(false));
        }
        var peer = options.SkipWorkflowCore
            ? null
            : await ChildProcess.RunEngineAsync(options, BenchEngine.WorkflowCore).ConfigureAwait(false);

        List<EngineFigures> engines = peer is null ? network : [.. network, peer];
        if (engines.Count > 0)
        {
            ResultTable.Print(network, peer, options);
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

    /// <summary>What runs where: the command line, the machine, the settings, the time.</summary>
    public static void PrintFacts(BenchOptions options, IReadOnlyList<string> args, string settings)
    {
        var command = "dotnet run -c Release --project bench/Network.Bench --" +
            string.Concat(args.Select(a => " " + Quote(a == options.PostgresConnectionString ? MaskPassword(a) : a)));
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        Console.WriteLine($"command:  {command}");
        Console.WriteLine($"machine:  {Environment.ProcessorCount} cores, {memory:N0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC {GCSettings.IsServerGC}");
        Console.WriteLine($"settings: {settings}");
        Console.WriteLine($"started:  {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine();
    }

    /// <summary>On the server given with --postgres, else on a throwaway one that is removed afterwards.</summary>
    private static async Task<EngineFigures> RunPostgresAsync(BenchOptions options)
    {
        if (options.PostgresConnectionString is { } given)
        {
            return await ChildProcess.RunEngineAsync(options, BenchEngine.PostgreSql, given).ConfigureAwait(false);
        }
        // PostgreSQL's default durability, unlike the tests' server: the figures compare a durable store with a durable store.
        var server = await ThrowawayPostgres.StartAsync(durable: true, maxConnections: 200,
            whatToDoWithout: "give one with --postgres \"<connection string>\", or leave PostgreSQL out with --skip-postgres.").ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            Console.Error.WriteLine($"[PostgreSQL] started a throwaway PostgreSQL {server.Version} server for this run (no --postgres given)");
            var database = await server.CreateDatabaseAsync("network_bench").ConfigureAwait(false);
            return await ChildProcess.RunEngineAsync(options, BenchEngine.PostgreSql, database).ConfigureAwait(false);
        }
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
