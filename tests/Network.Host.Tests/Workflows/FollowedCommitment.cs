using System.Net.Http.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Workflows;

/// <summary>
/// One imported commitment and the <c>commitment-lifecycle</c> instance that follows it: where each is in the API,
/// and under which grain key each is stored (what a <see cref="StoreProbe"/> looks up).
/// </summary>
public sealed record FollowedCommitment(ForumScope Scope, string CommitmentId)
{
    public string InstanceId => "commitment-lifecycle--" + CommitmentId;

    public string InstanceUri => $"api/tenants/{Scope.Forum.Id}/workflow-instances/{InstanceId}";

    public string CommitmentUri => $"api/tenants/{Scope.Forum.Id}/commitments/{CommitmentId}";

    /// <summary>Both grains live in the forum's tenant: its path, '|', their local id.</summary>
    public string InstanceKey => $"{Scope.Forum.Path}|{InstanceId}";

    public string CommitmentKey => $"{Scope.Forum.Path}|{CommitmentId}";

    public async Task<WorkflowInstanceResource> InstanceAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<WorkflowInstanceResource>(InstanceUri))!;

    public async Task<List<JournalEntryResource>> JournalAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<JournalEntryResource>>(InstanceUri + "/journal"))!;

    /// <summary>How many times the instance was resumed by an event: one journal line per event it took.</summary>
    public async Task<int> ResumesAsync(HttpClient client) =>
        (await JournalAsync(client)).Count(j => j.Kind == "event-received");

    public Task<HttpResponseMessage> ReportProgressAsync(HttpClient client, string status) =>
        client.PostAsJsonAsync(CommitmentUri + "/progress", new ReportProgressRequest(status));
}
