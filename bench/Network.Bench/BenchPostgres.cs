using Network.Testing;

namespace Network.Bench;

/// <summary>
/// Where the PostgreSQL engine runs: the server given with <c>--postgres</c>, the same database every round (each run
/// names a new root tenant, so a round does not meet the rows of the one before), or a throwaway server started once
/// for the whole run, with a new database each round, and removed afterwards; none when the engine is skipped.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string? _given;
    private readonly ThrowawayPostgres? _server;

    private BenchPostgres(string? given, ThrowawayPostgres? server)
    {
        _given = given;
        _server = server;
    }

    public static async Task<BenchPostgres> OpenAsync(BenchOptions options)
    {
        if (options.SkipPostgres || options.PostgresConnectionString is not null)
        {
            return new BenchPostgres(options.PostgresConnectionString, null);
        }
        // PostgreSQL's default durability, unlike the tests' server: the figures compare a durable store with a durable store.
        var server = await ThrowawayPostgres.StartAsync(durable: true, maxConnections: 200,
            whatToDoWithout: "give one with --postgres \"<connection string>\", or leave PostgreSQL out with --skip-postgres.").ConfigureAwait(false);
        Console.Error.WriteLine($"[PostgreSQL] started a throwaway PostgreSQL {server.Version} server for this run (no --postgres given)");
        return new BenchPostgres(null, server);
    }

    /// <summary>The connection string of the database round <paramref name="round"/> (from 1) runs on.</summary>
    public async Task<string> DatabaseForRoundAsync(int round) =>
        _given ?? await (_server ?? throw new InvalidOperationException("The PostgreSQL engine is skipped in this run."))
            .CreateDatabaseAsync($"network_bench_{round}").ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
