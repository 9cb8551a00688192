namespace Network.Host.Tests.Infrastructure;

/// <summary>One host on a fresh SQLite file, shared by the HTTP tests; each test makes its own tenants.</summary>
public sealed class SqliteHostFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("network-http");

    public string BootstrapKey { get; } = "bootstrap-" + Guid.NewGuid().ToString("N");

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await HostProcess.StartAsync(HostSettings.Sqlite(_directory.File("network.db"), BootstrapKey));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Dispose();
    }

    public void Dispose() => _directory.Dispose();

    public HttpClient Root() => Host.CreateClient(BootstrapKey);

    public HttpClient As(string key) => Host.CreateClient(key);
}

[CollectionDefinition(Name)]
public sealed class SqliteHostCollection : ICollectionFixture<SqliteHostFixture>
{
    public const string Name = "sqlite host";
}
