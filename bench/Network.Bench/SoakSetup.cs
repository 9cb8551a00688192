using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Testing;

namespace Network.Bench;

/// <summary>One partner of the soak's forum and its keys.</summary>
internal sealed record SoakPartner(string Id, string MemberKey, string CoordinatorKey, string IntegrationKey);

/// <summary>One commitment and the partners that own it.</summary>
internal sealed record SoakCommitment(string Id, IReadOnlyList<string> Owners);

/// <summary>What the soak set up: the forum's coordinator key, the partners, the commitments and who owns them.</summary>
internal sealed record SoakWorld(string ForumId, string CoordinatorKey, IReadOnlyList<SoakPartner> Partners, IReadOnlyList<SoakCommitment> Commitments)
{
    public IEnumerable<SoakCommitment> OwnedBy(string partnerId) => Commitments.Where(c => c.Owners.Contains(partnerId));
}

/// <summary>
/// Sets the soak's data up through the HTTP API as an operator and a coordinator would: a forum under the root, N
/// partner tenants below it, each with a member, a coordinator and an integration key (the last declares its link
/// exchanges), the GFMD 2016 session C report imported as text, and copies of that session under other session
/// codes (the structured import of the first one's export) so there are about two commitments per partner, each
/// commitment then owned by two neighbouring partners (<c>PUT …/owners</c>).
/// </summary>
internal static class SoakSetup
{
    public const string ForumId = "forum";

    /// <summary>The report's organisations first, with its names, so its owners resolve; then numbered partners.</summary>
    private static readonly (string Id, string Name)[] Named =
    [
        ("tmp", "Transnational Migrant Platform"),
        ("gcm", "Global Coalition on Migration"),
        ("ici", "Immigrant Council of Ireland"),
    ];

    public static async Task<SoakWorld> RunAsync(HostProcess host, string bootstrapKey, int partnerCount)
    {
        string coordinatorKey;
        var partners = new List<SoakPartner>();
        using (var root = host.CreateClient(bootstrapKey))
        {
            await BenchApi.CreateTenantAsync(root, ForumId, "Forum coordination", "platform", "network").ConfigureAwait(false);
            coordinatorKey = await BenchApi.IssueKeyAsync(root, ForumId, "coordinator", "soak: forum coordinator").ConfigureAwait(false);
            for (var i = 0; i < partnerCount; i++)
            {
                var (id, name) = i < Named.Length ? Named[i] : (PartnerId(i), "Soak Partner " + N(i + 1));
                await BenchApi.CreateTenantAsync(root, id, name, "organisation", ForumId).ConfigureAwait(false);
                partners.Add(new SoakPartner(
                    id,
                    await BenchApi.IssueKeyAsync(root, id, "member", $"soak: {id} member").ConfigureAwait(false),
                    await BenchApi.IssueKeyAsync(root, id, "coordinator", $"soak: {id} coordinator").ConfigureAwait(false),
                    await BenchApi.IssueKeyAsync(root, id, "integration", $"soak: {id}'s CRM").ConfigureAwait(false)));
            }
        }

        using var coordinator = host.CreateClient(coordinatorKey);
        var first = await ImportReportAsync(coordinator).ConfigureAwait(false);
        var ids = new List<string>(first.CommitmentIds);
        // About two commitments per partner: enough grains that the load spreads, few enough that each one's history
        // grows through the run as a busy commitment's does.
        for (var copy = 2; ids.Count < 2 * partnerCount; copy++)
        {
            var document = first.Session with { SessionCode = first.Session.SessionCode + N(copy), Id = null };
            using var response = await coordinator.PostAsJsonAsync($"api/tenants/{ForumId}/sessions", document).ConfigureAwait(false);
            await BenchApi.EnsureAsync(response, HttpStatusCode.Created, $"importing copy {copy} of the session").ConfigureAwait(false);
            ids.AddRange((await response.Content.ReadFromJsonAsync<ImportResultResource>().ConfigureAwait(false))!.CommitmentIds);
        }

        var commitments = new List<SoakCommitment>();
        for (var i = 0; i < ids.Count; i++)
        {
            var owners = partnerCount == 1
                ? new[] { partners[0].Id }
                : new[] { partners[i % partnerCount].Id, partners[(i + 1) % partnerCount].Id };
            using var assigned = await coordinator.PutAsJsonAsync($"api/tenants/{ForumId}/commitments/{ids[i]}/owners",
                new AssignOwnersRequest(owners, "soak: owners spread over the partners")).ConfigureAwait(false);
            await BenchApi.EnsureAsync(assigned, HttpStatusCode.OK, $"assigning owners of {ids[i]}").ConfigureAwait(false);
            commitments.Add(new SoakCommitment(ids[i], owners));
        }
        return new SoakWorld(ForumId, coordinatorKey, partners, commitments);
    }

    private static string PartnerId(int i) => "partner-" + (i + 1).ToString("D2", CultureInfo.InvariantCulture);

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>The GFMD 2016 session C report, as text, the way a coordinator imports it.</summary>
    private static async Task<ImportResultResource> ImportReportAsync(HttpClient coordinator)
    {
        var report = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "gfmd-2016-session-c-report.txt")).ConfigureAwait(false);
        using var content = new StringContent(report, Encoding.UTF8, "text/plain");
        using var response = await coordinator.PostAsync(new Uri($"api/tenants/{ForumId}/sessions:import", UriKind.Relative), content).ConfigureAwait(false);
        await BenchApi.EnsureAsync(response, HttpStatusCode.Created, "importing the session report").ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<ImportResultResource>().ConfigureAwait(false))!;
    }
}
