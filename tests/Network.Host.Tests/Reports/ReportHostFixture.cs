using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Commitments;
using Network.Host.Bootstrap;
using Network.Host.Hosting;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Reports;

/// <summary>
/// One host for the report tests, on a clock they set: the sample GFMD report imported on 10 December 2016 under a
/// forum with the tenants tmp, gcm and ici, and progress recorded by tmp's member key and the coordinator on chosen
/// days up to 10 January 2017 (before any commitment could stall, so the reports are the same on every run).
/// </summary>
public sealed class ReportHostFixture : IAsyncLifetime, IDisposable
{
    public static readonly DateTimeOffset Imported = new(2016, 12, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset FirstProgress = new(2016, 12, 20, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SecondProgress = new(2017, 1, 5, 15, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2017, 1, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("network-reports");
    private readonly SetClock _clock = new(Imported);
    private WebApplication? _app;

    public string BootstrapKey { get; } = "bootstrap-" + Guid.NewGuid().ToString("N");
    public Uri BaseAddress { get; private set; } = null!;
    public ForumScope Scope { get; private set; } = null!;
    public string SessionId { get; private set; } = "";
    public string TmpMemberKey { get; private set; } = "";
    public string OutsiderKey { get; private set; } = "";

    /// <summary>The commitment tmp owns, on which it reported progress twice.</summary>
    public CommitmentSummaryResource TmpCommitment { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = HostSettings.Sqlite(_directory.File("network.db"), BootstrapKey);
        var args = settings.Arguments()
            .Append((RootTenantBootstrapper.BootstrapKeyVariable, BootstrapKey))
            .Append(("Logging:LogLevel:Default", "Warning"))
            .Select(a => $"--{a.Item1}={a.Item2}")
            .ToArray();
        _app = NetworkHost.Build(args, services => services.AddSingleton<TimeProvider>(_clock));
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{settings.HttpPort}/");

        using var root = As(BootstrapKey);
        Scope = await ForumScope.CreateAsync(root);
        var outsider = await root.CreateTenantAsync(TestApi.UniqueId("outsider"), "Outside Organisation", "organisation", "network");
        OutsiderKey = (await root.IssueKeyAsync(outsider.Id, "coordinator", "outsider")).Key;
        TmpMemberKey = (await root.IssueKeyAsync(Scope.Tmp.Id, "member", "tmp staff")).Key;

        using var coordinator = As(Scope.CoordinatorKey);
        var imported = await coordinator.PostAsync(Scope.ImportUri("?date=2016-12-09"), ForumScope.Text(SampleReports.GfmdSessionC));
        await TestApi.EnsureStatusAsync(imported, System.Net.HttpStatusCode.Created);
        SessionId = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("session").GetProperty("id").GetString()!;

        var page = await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{Scope.Forum.Id}/commitments?session={SessionId}&limit=200");
        TmpCommitment = page!.Items.First(c => c.Owners.Contains(Scope.Tmp.Id));

        using var tmp = As(TmpMemberKey);
        _clock.Set(FirstProgress);
        await ReportAsync(tmp, Scope.Tmp.Id, TmpCommitment.Id, new ReportProgressRequest("limited", "Workshop with two governments planned for March.", "https://example.org/tmp/workshop"));
        _clock.Set(SecondProgress);
        await ReportAsync(tmp, Scope.Tmp.Id, TmpCommitment.Id, new ReportProgressRequest("substantial", "Workshop held; *draft* <b>note</b> shared. [x](javascript:alert(1))", "https://example.org/tmp/draft?a=1&b=2"));
        _clock.Set(Now);
    }

    private static async Task ReportAsync(HttpClient client, string tenant, string commitmentId, ReportProgressRequest request)
    {
        var response = await client.PostAsJsonAsync($"api/tenants/{tenant}/commitments/{commitmentId}/progress", request);
        await TestApi.EnsureStatusAsync(response, System.Net.HttpStatusCode.OK);
    }

    public HttpClient As(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Coordinator() => As(Scope.CoordinatorKey);

    public string SessionReportUri(string query) => $"api/tenants/{Scope.Forum.Id}/sessions/{SessionId}/report?{query}";

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
}
