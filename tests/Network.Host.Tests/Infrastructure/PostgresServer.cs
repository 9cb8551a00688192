namespace Network.Host.Tests.Infrastructure;

/// <summary>
/// The tests' PostgreSQL: a <see cref="ThrowawayPostgres"/> (fast, not durable) as an xunit fixture. If PostgreSQL is
/// not installed the fixture fails with a message that says what to install: tests that need it fail rather than
/// being skipped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private ThrowawayPostgres? _server;

    /// <summary>The connection string of the server's "postgres" database, as superuser "postgres".</summary>
    public string ConnectionString => Server.ConnectionString;

    private ThrowawayPostgres Server => _server ?? throw new InvalidOperationException("The PostgreSQL server has not been started.");

    public async Task InitializeAsync() =>
        _server = await ThrowawayPostgres.StartAsync(whatToDoWithout: "the PostgreSQL tests need it.").ConfigureAwait(false);

    /// <summary>Creates an empty database and returns its connection string, so each test class has its own.</summary>
    public Task<string> CreateDatabaseAsync(string name) => Server.CreateDatabaseAsync(name);

    /// <summary>A database name unique to this run, from a readable prefix.</summary>
    public Task<string> CreateDatabaseAsync() =>
        CreateDatabaseAsync("test_" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Stops the server; idempotent, as a test may stop the server on purpose before the fixture does.</summary>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Test classes that need PostgreSQL join this collection and share one server (each makes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
