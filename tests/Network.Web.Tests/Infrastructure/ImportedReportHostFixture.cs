using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;

namespace Network.Web.Tests.Infrastructure;

/// <summary>
/// A built host (as <see cref="WebHostFixture"/>) with data every page has something to show for, set up once through
/// the HTTP API: tenants `tmp` ("Transnational Migrant Platform", so the report's name resolves) and `wsp`, a member key
/// of `tmp`, and the GFMD 2016 session C report imported into the root tenant.
/// </summary>
public sealed class ImportedReportHostFixture : WebHostFixture, IAsyncLifetime
{
    public string SessionId { get; private set; } = null!;

    /// <summary>A commitment of the imported session (the root's coordinator sees all of them).</summary>
    public string CommitmentId { get; private set; } = null!;

    /// <summary>A commitment `tmp` owns.</summary>
    public string TmpCommitmentId { get; private set; } = null!;

    public string TmpMemberKey { get; private set; } = null!;

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
            var result = (await response.Content.ReadFromJsonAsync<ImportResultDocument>())!;
            SessionId = result.Session.Id!;
            CommitmentId = result.CommitmentIds[0];
        }

        using (var tmp = Api(TmpMemberKey))
        {
            var owned = (await tmp.GetFromJsonAsync<CommitmentPage>("api/tenants/tmp/commitments"))!;
            TmpCommitmentId = owned.Items.First(c => c.Owners.Contains("tmp")).Id;
        }
    }

    /// <summary>The page path with the fixture's ids in place of {session}, {commitment} and {tmp-commitment}.</summary>
    public string Resolve(string path) => path
        .Replace("{session}", SessionId, StringComparison.Ordinal)
        .Replace("{tmp-commitment}", TmpCommitmentId, StringComparison.Ordinal)
        .Replace("{commitment}", CommitmentId, StringComparison.Ordinal);
}
