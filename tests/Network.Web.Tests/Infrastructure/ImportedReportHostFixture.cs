using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Campaigns;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;

namespace Network.Web.Tests.Infrastructure;

/// <summary>
/// A built host (as <see cref="WebHostFixture"/>) with data every page has something to show for, set up once through
/// the HTTP API: tenants `tmp` ("Transnational Migrant Platform", so the report's name resolves) and `wsp`, a member key
/// of `tmp`, the GFMD 2016 session C report imported into the root tenant, and the root's campaign `solidarity` with
/// `tmp` as its partner, a milestone and the first commitment.
/// </summary>
public sealed class ImportedReportHostFixture : WebHostFixture, IAsyncLifetime
{
    public string SessionId { get; private set; } = null!;

    /// <summary>A commitment of the imported session (the root's coordinator sees all of them).</summary>
    public string CommitmentId { get; private set; } = null!;

    /// <summary>A commitment `tmp` owns.</summary>
    public string TmpCommitmentId { get; private set; } = null!;

    public string TmpMemberKey { get; private set; } = null!;

    /// <summary>The root's campaign, `tmp` its partner.</summary>
    public const string CampaignId = "solidarity";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await CreateTenantAsync("tmp", "Transnational Migrant Platform");
        await CreateTenantAsync("wsp", "West Sahel Partners");
        TmpMemberKey = (await IssueKeyAsync("tmp", "member", "TMP staff")).Key;

        var report = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "gfmd-2016-session-c-report.txt"));
        using (var api = Api())
        using (var body = new StringContent(report, Encoding.UTF8, "text/plain"))
        using (var response = await api.PostAsync(new Uri($"api/tenants/{RootTenantId}/sessions:import", UriKind.Relative), body))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"Import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var result = (await response.Content.ReadFromJsonAsync<ImportResultResource>())!;
            SessionId = result.Session.Id!;
            CommitmentId = result.CommitmentIds[0];
        }

        using (var api = Api())
        using (var campaign = await api.PutAsJsonAsync($"api/tenants/{RootTenantId}/campaigns/{CampaignId}", new CampaignResource(
            "Solidarity campaign", new DateOnly(2017, 3, 21), ["tmp"],
            [new MilestoneResource("Launch on the day against racial discrimination", new DateOnly(2017, 3, 21))], [CommitmentId])))
        {
            Assert.True(campaign.IsSuccessStatusCode, $"The campaign answered {(int)campaign.StatusCode}: {await campaign.Content.ReadAsStringAsync()}");
        }

        using (var tmp = Api(TmpMemberKey))
        {
            var owned = (await tmp.GetFromJsonAsync<CommitmentPage>("api/tenants/tmp/commitments"))!;
            TmpCommitmentId = owned.Items.First(c => c.Owners.Contains("tmp")).Id;
        }
    }

    /// <summary>The page path with the fixture's ids in place of {session}, {commitment}, {tmp-commitment} and {campaign}.</summary>
    public string Resolve(string path) => path
        .Replace("{campaign}", CampaignId, StringComparison.Ordinal)
        .Replace("{session}", SessionId, StringComparison.Ordinal)
        .Replace("{tmp-commitment}", TmpCommitmentId, StringComparison.Ordinal)
        .Replace("{commitment}", CommitmentId, StringComparison.Ordinal);
}
