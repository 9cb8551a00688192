using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Network.Contracts.Organisations;
using Network.Contracts.Workflows;
using Network.Host.Bootstrap;
using Network.Host.Hosting;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Notifications;

/// <summary>
/// One host with e-mail on, sending to a real SMTP server in the test process, and a forum whose lifecycle runs on
/// seconds instead of days (stall after 4 s, each rung 3 s later, a check-in every 2 s, digests every 10 s). Each of
/// the three tenants on the escalation ladder has a contact in another language: tmp (an owner) in French, the forum
/// (the tenant coordinator) in Spanish, the network (the chair) in English. The sample report is imported once, so
/// the ladder climbs for every commitment while the tests read the mail.
/// </summary>
public sealed class EmailHostFixture : IAsyncLifetime, IDisposable
{
    public const string OwnerAddress = "ana@tmp.example.org";
    public const string CoordinatorAddress = "rosa@forum.example.org";
    public const string ChairAddress = "chair@network.example.org";
    public const string PublicUrl = "https://network.example.org/";

    private readonly TempDirectory _directory = new("network-email");
    private WebApplication? _app;

    public string BootstrapKey { get; } = "bootstrap-" + Guid.NewGuid().ToString("N");
    public Uri BaseAddress { get; private set; } = null!;
    public SmtpTestServer Smtp { get; private set; } = null!;

    /// <summary>tmp's own system, which takes escalations by webhook (registered before the import).</summary>
    public WebhookReceiver Receiver { get; private set; } = null!;

    public string WebhookSecret { get; private set; } = "";
    public ForumScope Scope { get; private set; } = null!;
    public string TmpCommitmentId { get; private set; } = "";
    public string OutsiderKey { get; private set; } = "";
    public string ForumMemberKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        Receiver = await WebhookReceiver.StartAsync();
        var settings = HostSettings.Sqlite(_directory.File("network.db"), BootstrapKey);
        var args = settings.Arguments()
            .Append((RootTenantBootstrapper.BootstrapKeyVariable, BootstrapKey))
            .Append(("Logging:LogLevel:Default", "Warning"))
            .Append(("Network:PublicUrl", PublicUrl))
            .Append(("Notifications:Smtp:Host", Smtp.Host))
            .Append(("Notifications:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(("Notifications:Smtp:Security", "none"))
            .Append(("Notifications:Smtp:From", "Network <network@network.example.org>"))
            .Append(("Notifications:FirstRetry", "PT1S"))
            .Append(("Notifications:LongestRetry", "PT2S"))
            .Append(("Notifications:DigestEvery", "PT10S"))
            .Append(("Notifications:Webhooks:AllowHttp", "true"))
            .Select(a => $"--{a.Item1}={a.Item2}")
            .ToArray();
        _app = NetworkHost.Build(args);
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{settings.HttpPort}/");

        using var root = As(BootstrapKey);
        Scope = await ForumScope.CreateAsync(root);
        var outsider = await root.CreateTenantAsync(TestApi.UniqueId("outsider"), "Outside Organisation", "organisation", "network");
        OutsiderKey = (await root.IssueKeyAsync(outsider.Id, "coordinator", "outsider")).Key;
        ForumMemberKey = (await root.IssueKeyAsync(Scope.Forum.Id, "member", "forum staff")).Key;

        await PutContactAsync(root, "network", new ContactPersonResource("Chair of the network", "chair", ChairAddress, "en"));
        await PutContactAsync(root, Scope.Forum.Id, new ContactPersonResource("Rosa Díaz", "coordinator", CoordinatorAddress, "es"));
        await PutContactAsync(root, Scope.Tmp.Id, new ContactPersonResource("Ana Souza", "focal point", OwnerAddress, "fr"));

        using var coordinator = As(Scope.CoordinatorKey);
        using var webhook = await coordinator.PostAsJsonAsync($"api/tenants/{Scope.Tmp.Id}/webhooks",
            new Network.Contracts.Webhooks.CreateWebhookRequest(Receiver.Url("tmp"), ["EscalationRaised"]));
        await TestApi.EnsureStatusAsync(webhook, System.Net.HttpStatusCode.Created);
        WebhookSecret = (await webhook.Content.ReadFromJsonAsync<Network.Contracts.Webhooks.CreatedWebhookResource>())!.Secret;
        var settingsUri = $"api/tenants/{Scope.Forum.Id}/workflows/commitment-lifecycle/settings";
        using var fast = await coordinator.PutAsJsonAsync(settingsUri, new WorkflowSettingsRequest(new Dictionary<string, string>
        {
            ["stallAfter"] = "PT4S",
            ["escalateAfter"] = "PT3S",
            ["checkInEvery"] = "PT2S",
        }));
        await TestApi.EnsureStatusAsync(fast, System.Net.HttpStatusCode.OK);

        using var imported = await coordinator.PostAsync(Scope.ImportUri("?date=2016-12-09"), ForumScope.Text(SampleReports.GfmdSessionC));
        await TestApi.EnsureStatusAsync(imported, System.Net.HttpStatusCode.Created);
        var page = await coordinator.GetFromJsonAsync<Network.Contracts.Commitments.CommitmentPage>($"api/tenants/{Scope.Forum.Id}/commitments?limit=200");
        TmpCommitmentId = page!.Items.First(c => c.Owners.Contains(Scope.Tmp.Id)).Id;
    }

    private static async Task PutContactAsync(HttpClient client, string tenantId, ContactPersonResource contact)
    {
        using var response = await client.PutAsJsonAsync($"api/tenants/{tenantId}/profile", new OrganisationProfileResource(null, null, [contact]));
        await TestApi.EnsureStatusAsync(response, System.Net.HttpStatusCode.OK);
    }

    public HttpClient As(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }
        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
        Dispose();
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>The e-mail tests share one host and one SMTP server (the lifecycle's seconds-long ladder runs once).</summary>
[CollectionDefinition(Name)]
public sealed class EmailHostCollection : ICollectionFixture<EmailHostFixture>
{
    public const string Name = "e-mail host";
}
