using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.Sessions;
using Network.Domain.Tenancy;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Services;

/// <summary>The sessions of a subtree (for the web app) and the commitment list's session filter (also on HTTP).</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class SessionListTests(InProcessHostFixture host)
{
    [Fact]
    public async Task A_subtree_lists_the_sessions_of_its_commitments_with_counts_by_status_and_titles()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinatorHttp = host.As(scope.CoordinatorKey);
        using var imported = await coordinatorHttp.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        await Infrastructure.Api.EnsureStatusAsync(imported, HttpStatusCode.Created);
        var import = (await imported.Content.ReadFromJsonAsync<ImportResultResource>())!;
        var sessions = host.Service<SessionService>();
        var coordinator = TenantCaller.ForKey(TenantPath.Parse(scope.Forum.Path), TenantRole.Coordinator, "forum-coordinator");

        var all = Assert.Single(await InProcessHostFixture.AsAsync(coordinator, () => sessions.ListAsync(scope.Forum.Id)));
        Assert.Equal((scope.Forum.Id, import.Session.Id, import.Session.Title, (DateOnly?)import.Session.HeldOn, import.CommitmentIds.Count),
            (all.HomeTenantId, all.SessionId, all.Title, all.Date, all.Commitments));
        Assert.Equal(all.Commitments, all.ByStatus.Values.Sum());

        // An owner sees the session of the commitments it owns, though the session is at home in the forum it cannot reach.
        var tmpKey = await root.IssueKeyAsync(scope.Tmp.Id, "member");
        var tmp = TenantCaller.ForKey(TenantPath.Parse(scope.Tmp.Path), TenantRole.Member, tmpKey.Id);
        var owned = Assert.Single(await InProcessHostFixture.AsAsync(tmp, () => sessions.ListAsync(scope.Tmp.Id)));
        using var tmpHttp = host.As(tmpKey.Key);
        var tmpCommitments = (await tmpHttp.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Tmp.Id}/commitments"))!;
        Assert.Equal((scope.Forum.Id, import.Session.Title, tmpCommitments.Total), (owned.HomeTenantId, owned.Title, owned.Commitments));
        Assert.InRange(owned.Commitments, 1, import.CommitmentIds.Count - 1);

        // The tenant it may not reach: the same not-found as anywhere.
        await Assert.ThrowsAsync<DomainNotFoundException>(() => InProcessHostFixture.AsAsync(tmp, () => sessions.ListAsync(scope.Forum.Id)));
        // A tenant with no commitments in its subtree has no sessions.
        var empty = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("empty"), "Empty", "organisation", scope.Forum.Id);
        Assert.Empty(await InProcessHostFixture.AsAsync(coordinator, () => sessions.ListAsync(empty.Id)));
    }

    [Fact]
    public async Task The_commitment_list_filters_by_session_through_http_and_the_service()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var http = host.As(scope.CoordinatorKey);
        using var imported = await http.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        await Infrastructure.Api.EnsureStatusAsync(imported, HttpStatusCode.Created);
        var import = (await imported.Content.ReadFromJsonAsync<ImportResultResource>())!;
        var coordinator = TenantCaller.ForKey(TenantPath.Parse(scope.Forum.Path), TenantRole.Coordinator, "forum-coordinator");
        var commitments = host.Service<CommitmentService>();

        var bySession = (await http.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Forum.Id}/commitments?session={import.Session.Id}"))!;
        Assert.Equal(import.CommitmentIds.Order(StringComparer.Ordinal), bySession.Items.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal(0, (await http.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Forum.Id}/commitments?session=another-session"))!.Total);
        var throughService = await InProcessHostFixture.AsAsync(coordinator, () =>
            commitments.ListAsync(scope.Forum.Id, new CommitmentFilter(Session: import.Session.Id, Limit: 2)));
        Assert.Equal((import.CommitmentIds.Count, 2), (throughService.Total, throughService.Items.Count));

        // A malformed session id is a 400 naming the parameter, through both doors.
        var problem = await Infrastructure.Api.AssertProblemAsync(
            await http.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/commitments?session=Not%20An%20Id", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.Equal(["session"], Infrastructure.Api.ErrorFields(problem));
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => InProcessHostFixture.AsAsync(coordinator, () =>
            commitments.ListAsync(scope.Forum.Id, new CommitmentFilter(Session: "Not An Id"))));
        Assert.Equal("session", refused.Field);
    }
}
