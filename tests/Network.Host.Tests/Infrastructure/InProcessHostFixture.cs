using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Network.Domain.Tenancy;
using Network.Host.Bootstrap;
using Network.Host.Hosting;

namespace Network.Host.Tests.Infrastructure;

/// <summary>
/// The real host, run inside the test process on a fresh SQLite file, so one test can use two doors of the same
/// running system: HTTP (like <see cref="SqliteHostFixture"/>), and the domain services resolved from the host's
/// own container and called with a caller entered the way the web app enters its signed-in user.
/// </summary>
public sealed class InProcessHostFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("network-services");
    private WebApplication? _app;

    public string BootstrapKey { get; } = "bootstrap-" + Guid.NewGuid().ToString("N");

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = HostSettings.Sqlite(_directory.File("network.db"), BootstrapKey);
        var args = settings.Arguments()
            .Append((RootTenantBootstrapper.BootstrapKeyVariable, BootstrapKey))
            .Append(("Logging:LogLevel:Default", "Warning"))
            .Select(a => $"--{a.Item1}={a.Item2}")
            .ToArray();
        _app = NetworkHost.Build(args);
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{settings.HttpPort}/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Dispose();
    }

    public void Dispose() => _directory.Dispose();

    public HttpClient Root() => As(BootstrapKey);

    public HttpClient As(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A domain service from the running host's container, as the web app gets it.</summary>
    public T Service<T>()
        where T : notnull => _app!.Services.GetRequiredService<T>();

    /// <summary>Runs <paramref name="call"/> with <paramref name="caller"/> entered, as the web app does around each call.</summary>
    public static async Task<T> AsAsync<T>(TenantCaller caller, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var _ = TenantCallContext.Enter(caller);
        return await call();
    }

    public static async Task AsAsync(TenantCaller caller, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var _ = TenantCallContext.Enter(caller);
        await call();
    }
}

[CollectionDefinition(Name)]
public sealed class InProcessHostCollection : ICollectionFixture<InProcessHostFixture>
{
    public const string Name = "in-process host";
}
