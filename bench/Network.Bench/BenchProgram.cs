using Network.Host.Storage;

namespace Network.Bench;

/// <summary>
/// Issue 4, point 11: Network's engine on the embedded default (SQLite) and on PostgreSQL, against WorkflowCore
/// 3.22.0 in memory, on one scenario: start, wait for an event, resume, finish. The parent (<see cref="BenchRun"/>)
/// runs each engine in a child process of this same program (<c>--engine</c>) and prints the table.
/// After the SQLite engine it runs the history scenario (<see cref="HistoryBench"/>) in a child process too
/// (<c>--history-child</c>); <c>--history</c> runs only that.
/// With <c>--links</c> it runs the tenant-link scenario instead (<see cref="LinkBench"/>), with <c>--reports</c> the
/// report scenario (<see cref="ReportBench"/>), with <c>--dashboard</c> the dashboard's (<see cref="DashboardBench"/>),
/// with <c>--soak DURATION</c> the soak (<see cref="SoakBench"/>).
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
        if (options.HistoryChild)
        {
            ChildProcess.WriteResult(await HistoryBench.RunAsync(options).ConfigureAwait(false));
            return 0;
        }
        if (options.Engine is not { } engine)
        {
            try
            {
                return options.Soak is not null ? await SoakBench.RunAsync(options, args).ConfigureAwait(false)
                    : options.Links ? await LinkBench.RunAsync(options, args).ConfigureAwait(false)
                    : options.Reports ? await ReportBench.RunAsync(options, args).ConfigureAwait(false)
                    : options.Dashboard ? await DashboardBench.RunAsync(options, args).ConfigureAwait(false)
                    : await BenchRun.RunAsync(options, args).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                // An engine's process already printed its own error; say which one failed, without a second stack trace.
                // (A host that was not ready in time says so with a TimeoutException and its last output.)
                Console.Error.WriteLine(exception.Message);
                return 1;
            }
        }
        ChildProcess.WriteResult(await RunEngineAsync(engine, options).ConfigureAwait(false));
        return 0;
    }

    /// <summary>In the child process: one engine, start to end.</summary>
    private static async Task<EngineFigures> RunEngineAsync(BenchEngine engine, BenchOptions options)
    {
        switch (engine)
        {
            case BenchEngine.Sqlite:
                var directory = Directory.CreateTempSubdirectory("network-bench-").FullName;
                try
                {
                    var sqlite = new StorageOptions { Sqlite = new SqliteStorageOptions { Path = Path.Combine(directory, "network.db") } };
                    return await NetworkEngineBench.RunAsync("Network (SQLite file)", engine, sqlite, options).ConfigureAwait(false);
                }
                finally
                {
                    Directory.Delete(directory, recursive: true);
                }
            case BenchEngine.PostgreSql:
                var postgres = new StorageOptions
                {
                    Provider = StorageOptions.PostgreSqlProviderName,
                    ConnectionString = options.PostgresConnectionString
                        ?? throw new InvalidOperationException("The PostgreSQL engine needs --postgres."),
                };
                return await NetworkEngineBench.RunAsync("Network (PostgreSQL)", engine, postgres, options).ConfigureAwait(false);
            default:
                return await WorkflowCoreBench.RunAsync(options).ConfigureAwait(false);
        }
    }
}
