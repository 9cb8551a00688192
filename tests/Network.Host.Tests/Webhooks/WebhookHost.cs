using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Webhooks;
using Network.Host.Bootstrap;
using Network.Host.Hosting;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Webhooks;

/// <summary>
/// One host for a webhook test class, run in the test process on a fresh SQLite file, with http receivers allowed
/// and the retry settings the class needs, and a <see cref="WebhookReceiver"/> beside it. Each test makes its own
/// forum (<see cref="NewForumAsync"/>), so tests never see each other's events.
/// </summary>
public abstract class WebhookHost(IReadOnlyDictionary<string, string> settings) : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("network-webhooks");
    private WebApplication? _app;

    public string BootstrapKey { get; } = "bootstrap-" + Guid.NewGuid().ToString("N");
    public Uri BaseAddress { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        var host = HostSettings.Sqlite(_directory.File("network.db"), BootstrapKey);
        var args = host.Arguments()
            .Append((RootTenantBootstrapper.BootstrapKeyVariable, BootstrapKey))
            .Append(("Logging:LogLevel:Default", "Warning"))
            .Append(("Notifications:Webhooks:AllowHttp", "true"))
            .Concat(settings.Select(s => (s.Key, s.Value)))
            .Select(a => $"--{a.Item1}={a.Item2}")
            .ToArray();
        _app = NetworkHost.Build(args);
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{host.HttpPort}/");
    }

    public HttpClient As(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Root() => As(BootstrapKey);

    /// <summary>A fresh forum with the sample session imported; its coordinator key is the scope's.</summary>
    public async Task<(ForumScope Scope, IReadOnlyList<string> CommitmentIds)> NewForumAsync()
    {
        using var root = Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = As(scope.CoordinatorKey);
        using var imported = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        await TestApi.EnsureStatusAsync(imported, HttpStatusCode.Created);
        var import = (await imported.Content.ReadFromJsonAsync<ImportResultResource>())!;
        return (scope, import.CommitmentIds);
    }

    public static async Task<CreatedWebhookResource> RegisterAsync(HttpClient client, string tenantId, string url, params string[] events)
    {
        using var response = await client.PostAsJsonAsync($"api/tenants/{tenantId}/webhooks", new CreateWebhookRequest(url, events));
        await TestApi.EnsureStatusAsync(response, HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<CreatedWebhookResource>())!;
        Assert.Equal($"/api/tenants/{tenantId}/webhooks/{created.Id}", response.Headers.Location?.OriginalString);
        return created;
    }

    public static async Task ReportProgressAsync(HttpClient client, string tenantId, string commitmentId, string status, string note)
    {
        using var response = await client.PostAsJsonAsync($"api/tenants/{tenantId}/commitments/{commitmentId}/progress", new ReportProgressRequest(status, note));
        await TestApi.EnsureStatusAsync(response, HttpStatusCode.OK);
    }

    public static async Task<WebhookDeliveryPage> DeliveriesAsync(HttpClient client, string tenantId, string webhookId) =>
        (await client.GetFromJsonAsync<WebhookDeliveryPage>($"api/tenants/{tenantId}/webhooks/{webhookId}/deliveries"))!;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
        Dispose();
    }

    public void Dispose()
    {
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Retries after 1 s (doubling up to 4 s); a webhook is disabled after the default day of failures.</summary>
public sealed class WebhookHostFixture() : WebhookHost(new Dictionary<string, string>
{
    ["Notifications:Webhooks:FirstRetry"] = "00:00:01",
    ["Notifications:Webhooks:LongestRetry"] = "00:00:04",
});

/// <summary>Retries every second; a webhook is disabled after 3 s of failures.</summary>
public sealed class DisablingWebhookHostFixture() : WebhookHost(new Dictionary<string, string>
{
    ["Notifications:Webhooks:FirstRetry"] = "00:00:01",
    ["Notifications:Webhooks:LongestRetry"] = "00:00:01",
    ["Notifications:Webhooks:DisableAfter"] = "00:00:03",
});
