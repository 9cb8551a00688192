using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Tenants;

namespace Network.Web.Tests.Infrastructure;

/// <summary>
/// One built host per test class, as an operator runs it: `dotnet Network.Host.dll` on free ports, a throwaway SQLite
/// file and a bootstrap key for the root tenant. Tests make their own tenants and keys through the HTTP API.
/// </summary>
public class WebHostFixture : IAsyncLifetime, IDisposable
{
    public const string RootTenantId = "network";

    private readonly TempDirectory _directory = new("network-web");

    public string BootstrapKey { get; } = "bootstrap-" + Guid.NewGuid().ToString("N");

    public HostProcess Host { get; private set; } = null!;

    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>Configuration a test class needs on top of the defaults, e.g. a short session idle timeout.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        await BeforeHostStartsAsync();
        Host = await HostProcess.StartAsync(HostSettings.Sqlite(_directory.File("network.db"), BootstrapKey) with { Extra = Settings });
    }

    /// <summary>What a test class needs running before the host (e.g. the SMTP server its settings point at).</summary>
    protected virtual Task BeforeHostStartsAsync() => Task.CompletedTask;

    /// <summary>What a test class started in <see cref="BeforeHostStartsAsync"/>, stopped after the host.</summary>
    protected virtual Task AfterHostStopsAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await AfterHostStopsAsync();
        Dispose();
    }

    public void Dispose()
    {
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }

    public HttpClient Api(string? key = null) => Host.CreateClient(key ?? BootstrapKey);

    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A new child of the root tenant, made with the bootstrap key.</summary>
    public async Task<TenantResource> CreateTenantAsync(string id, string name)
    {
        using var api = Api();
        using var response = await api.PostAsJsonAsync("api/tenants", new CreateTenantRequest(id, name, "organisation", RootTenantId));
        await EnsureStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<TenantResource>())!;
    }

    public async Task<CreatedApiKeyResource> IssueKeyAsync(string tenantId, string role, string label)
    {
        using var api = Api();
        using var response = await api.PostAsJsonAsync($"api/tenants/{tenantId}/keys", new CreateApiKeyRequest(role, label));
        await EnsureStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyResource>())!;
    }

    public async Task RevokeKeyAsync(string tenantId, string keyId)
    {
        using var api = Api();
        using var response = await api.DeleteAsync(new Uri($"api/tenants/{tenantId}/keys/{keyId}", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"Revoking {keyId} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task EnsureStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
