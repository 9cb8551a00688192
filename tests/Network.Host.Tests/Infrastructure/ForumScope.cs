using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Sessions;
using Network.Contracts.Tenants;

namespace Network.Host.Tests.Infrastructure;

/// <summary>
/// A fresh sub-tree for one test: a platform tenant under the root, with the report's organisations as children
/// (Transnational Migrant Platform, Global Coalition on Migration, Immigrant Council of Ireland). Names resolve
/// within the importing tenant's subtree, so tests never see each other's tenants.
/// </summary>
public sealed record ForumScope(TenantResource Forum, TenantResource Tmp, TenantResource Gcm, TenantResource Ici, string CoordinatorKey)
{
    public static async Task<ForumScope> CreateAsync(HttpClient root)
    {
        var forum = await root.CreateTenantAsync(Api.UniqueId("forum"), "Forum coordination " + Guid.NewGuid().ToString("N")[..6], "platform", "network");
        var tmp = await root.CreateTenantAsync(Api.UniqueId("tmp"), "Transnational Migrant Platform", "platform", forum.Id);
        var gcm = await root.CreateTenantAsync(Api.UniqueId("gcm"), "Global Coalition on Migration", "organisation", forum.Id);
        var ici = await root.CreateTenantAsync(Api.UniqueId("ici"), "Immigrant Council of Ireland", "organisation", forum.Id);
        var key = await root.IssueKeyAsync(forum.Id, "coordinator", "forum coordinator");
        return new ForumScope(forum, tmp, gcm, ici, key.Key);
    }

    public static StringContent Text(string report) => new(report, Encoding.UTF8, new MediaTypeHeaderValue("text/plain"));

    public string ImportUri(string query = "") => $"api/tenants/{Forum.Id}/sessions:import{query}";

    /// <summary>Imports the GFMD session C report into the forum (201 expected) and answers its commitment ids.</summary>
    public async Task<IReadOnlyList<string>> ImportSessionCAsync(HttpClient coordinator)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        using var response = await coordinator.PostAsync(new Uri(ImportUri(), UriKind.Relative), Text(SampleReports.GfmdSessionC));
        await Api.EnsureStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ImportResultResource>())!.CommitmentIds;
    }
}
