using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Tenants;

namespace Network.Bench;

/// <summary>
/// Fills one tenant's subtree for the dashboard scenario, through the HTTP API as a coordinator would: a forum under
/// the root with partner tenants below it, structured sessions of <see cref="PerSession"/> commitments each (every
/// commitment owned by one or two partners, named as the partners are so the import resolves them, due across
/// 2017), then progress on one commitment in <see cref="ProgressEvery"/> so every status occurs.
/// </summary>
internal static class DashboardFill
{
    public const string ForumId = "forum";

    /// <summary>Commitments per imported session: a large session letter has a few dozen; this keeps requests small.</summary>
    public const int PerSession = 100;

    /// <summary>One commitment in this many gets a progress report (a status other than not-started).</summary>
    public const int ProgressEvery = 50;

    private static readonly string[] Statuses = ["limited", "substantial", "stalled", "blocked", "complete", "withdrawn"];

    /// <summary>The tenant ids of the partners, in order.</summary>
    public static string PartnerId(int i) => "org-" + i.ToString("D3", CultureInfo.InvariantCulture);

    private static string PartnerName(int i) => "Partner Organisation " + i.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>Creates the forum and its partners; answers a coordinator key of the forum.</summary>
    public static async Task<string> TenantsAsync(HttpClient root, int partners)
    {
        await PostAsync(root, "api/tenants", new CreateTenantRequest(ForumId, "Forum coordination", "platform", "network"), HttpStatusCode.Created).ConfigureAwait(false);
        for (var i = 0; i < partners; i++)
        {
            await PostAsync(root, "api/tenants", new CreateTenantRequest(PartnerId(i), PartnerName(i), "organisation", ForumId), HttpStatusCode.Created).ConfigureAwait(false);
        }
        using var response = await root.PostAsJsonAsync($"api/tenants/{ForumId}/keys", new CreateApiKeyRequest("coordinator", "dashboard bench")).ConfigureAwait(false);
        await BenchApi.EnsureAsync(response, HttpStatusCode.Created, "issuing the forum's coordinator key").ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyResource>().ConfigureAwait(false))!.Key;
    }

    /// <summary>Sessions imported at once: the import is mostly waiting for the disk, and SQLite commits writers in turn.</summary>
    public const int ImportsInFlight = 4;

    /// <summary>Imports the sessions, <see cref="ImportsInFlight"/> at a time; answers the ids of every commitment made.</summary>
    public static async Task<List<string>> CommitmentsAsync(HttpClient coordinator, int commitments, int partners)
    {
        var sessions = (commitments + PerSession - 1) / PerSession;
        var ids = new string[sessions][];
        var imported = 0;
        var progress = Measure.Progress("[dashboard] commitments imported", commitments);
        await Measure.ForEachAsync(sessions, ImportsInFlight, async session =>
        {
            var count = Math.Min(PerSession, commitments - session * PerSession);
            var document = Session(session, session * PerSession, count, partners);
            using var response = await coordinator.PostAsJsonAsync($"api/tenants/{ForumId}/sessions", document).ConfigureAwait(false);
            await BenchApi.EnsureAsync(response, HttpStatusCode.Created, $"importing session {session}").ConfigureAwait(false);
            var result = (await response.Content.ReadFromJsonAsync<ImportResultResource>().ConfigureAwait(false))!;
            if (result.UnresolvedNames.Count > 0)
            {
                throw new InvalidOperationException($"Session {session} left names unresolved: {string.Join(", ", result.UnresolvedNames)}");
            }
            ids[session] = [.. result.CommitmentIds];
            progress.Report(Interlocked.Add(ref imported, result.CommitmentIds.Count));
        }).ConfigureAwait(false);
        return ids.SelectMany(i => i).ToList();
    }

    /// <summary>Progress on every <see cref="ProgressEvery"/>th commitment, the statuses in turn.</summary>
    public static async Task ProgressAsync(HttpClient coordinator, IReadOnlyList<string> commitments)
    {
        for (var i = 0; i < commitments.Count; i += ProgressEvery)
        {
            var status = Statuses[i / ProgressEvery % Statuses.Length];
            await PostAsync(coordinator, $"api/tenants/{ForumId}/commitments/{commitments[i]}/progress",
                new ReportProgressRequest(status, "Dashboard bench"), HttpStatusCode.OK).ConfigureAwait(false);
        }
    }

    private static SessionResource Session(int session, int first, int count, int partners)
    {
        var code = "D" + session.ToString("D4", CultureInfo.InvariantCulture);
        // Two periods, as the session letters have: half due mid-year, half at the year-end review.
        var periods = new List<PeriodResource>();
        for (var period = 1; period <= 2; period++)
        {
            var due = period == 1 ? new DateOnly(2017, 6, 30) : new DateOnly(2017, 12, 31);
            var half = Enumerable.Range(0, count).Where(i => i % 2 == period - 1).Select((i, ordinal) => Commitment(first + i, ordinal + 1, partners, due)).ToList();
            periods.Add(new PeriodResource(period, $"Period {period}", period == 1 ? "GFMD Germany, June 2017" : "Year-end review", due, half));
        }
        return new SessionResource("GFMD 2017", code, $"Dashboard bench session {code}", "Filling a dashboard",
            new DateOnly(2016, 12, 9), false, periods, [], []);
    }

    private static SessionCommitmentResource Commitment(int n, int ordinal, int partners, DateOnly due)
    {
        var owner = n % partners;
        // One commitment in three has a second owner, as joint commitments do.
        var owners = n % 3 == 0 && partners > 1
            ? new[] { new OwnerResource(PartnerName(owner)), new OwnerResource(PartnerName((owner + 1) % partners)) }
            : new[] { new OwnerResource(PartnerName(owner)) };
        var text = $"Commitment {n.ToString(CultureInfo.InvariantCulture)}: run a campaign on migrants' rights with the partners of the forum, and report on it at the review.";
        return new SessionCommitmentResource(ordinal, text, string.Join(" and ", owners.Select(o => o.Name)), owners,
            [new MilestoneResource("Launch", due.AddMonths(-3))], [], null, null, null);
    }

    private static async Task PostAsync<T>(HttpClient client, string uri, T body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(uri, body).ConfigureAwait(false);
        await BenchApi.EnsureAsync(response, expected, "POST " + uri).ConfigureAwait(false);
    }

}
