namespace Network.Host.Tests.Limits;

/// <summary>A host with small limits, so the tests reach them in a few requests: members get 1 request a second after a burst of 3.</summary>
public sealed class LimitedHostFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("network-limits");

    public string BootstrapKey { get; } = "bootstrap-" + Guid.NewGuid().ToString("N");

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await HostProcess.StartAsync(HostSettings.Sqlite(_directory.File("network.db"), BootstrapKey) with
        {
            Extra = new Dictionary<string, string>
            {
                ["Limits:Rate:Member:PermitsPerSecond"] = "1",
                ["Limits:Rate:Member:Burst"] = "3",
                ["Limits:Quotas:KeysPerTenant"] = "3",
                ["Limits:Quotas:PublishedVersionsPerTenant"] = "2",
                ["Limits:Quotas:RunningInstancesPerTenant"] = "2",
                ["Limits:Quotas:ImportedBytesPerDay"] = "20000",
            },
        });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Dispose();
    }

    public void Dispose() => _directory.Dispose();

    public HttpClient Root() => Host.CreateClient(BootstrapKey);

    public HttpClient As(string key) => Host.CreateClient(key);
}
