using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Tenants;
using Network.Contracts.Workflows;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.Organisations;
using Network.Domain.Sessions;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Domain.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Services;

/// <summary>
/// Each permission rule, proved through two doors of one running host: HTTP, and the domain service called directly
/// with a caller entered as the web app will enter its signed-in user. The bus, the third door for progress and task
/// completion, calls the same services; it is covered by
/// <c>TenantLinkTests.Messages_without_a_valid_key_of_the_tenant_or_naming_what_it_cannot_reach_are_refused_with_the_reason</c>
/// (progress on a commitment the sender does not own is refused), <c>TenantLinkTests.A_plain_json_progress_report_updates_the_commitment_resumes_its_workflow_and_goes_out_once</c>
/// and <c>PartnerMessageTests.A_task_assigned_over_the_link_is_answered_over_it_and_interest_is_recorded</c> (an owner completes its task).
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class PermissionRuleTests(InProcessHostFixture host)
{
    private const string Lifecycle = "commitment-lifecycle";

    /// <summary>A forum scope (forum with TMP, GCM and ICI below it), and keys of its tenants for both doors.</summary>
    private sealed record Keys(ForumScope Scope, HttpClient Root, InProcessHostFixture Host)
    {
        /// <summary>A new key of <paramref name="tenant"/>: an HTTP client sending it, and the caller it authenticates as.</summary>
        public async Task<(HttpClient Http, TenantCaller Caller)> KeyAsync(TenantResource tenant, string role)
        {
            var key = await Root.IssueKeyAsync(tenant.Id, role);
            var caller = TenantCaller.ForKey(TenantPath.Parse(tenant.Path), TenantRoles.Parse(role, "role"), key.Id);
            return (Host.As(key.Key), caller);
        }
    }

    private async Task<Keys> ScopeAsync()
    {
        var root = host.Root();
        return new Keys(await ForumScope.CreateAsync(root), root, host);
    }

    private async Task<ImportResultResource> ImportAsync(ForumScope scope)
    {
        using var coordinator = host.As(scope.CoordinatorKey);
        using var response = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ImportResultResource>())!;
    }

    /// <summary>One coordinator-only action: its HTTP request, and the same action through its service.</summary>
    private sealed record Action(Func<string, HttpRequestMessage> Http, Func<InProcessHostFixture, string, Task> Service);

    private static HttpRequestMessage Json(HttpMethod method, string uri, object body) =>
        new(method, uri) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Text(string uri, string text, string mediaType) =>
        new(HttpMethod.Post, uri) { Content = new StringContent(text, Encoding.UTF8, mediaType) };

    private static readonly Dictionary<string, Action> CoordinatorOnly = new()
    {
        ["create-tenant"] = new(
            forum => Json(HttpMethod.Post, "api/tenants", new CreateTenantRequest("made-by-member", "Made", "organisation", forum)),
            (h, forum) => h.Service<TenantService>().CreateAsync(new CreateTenantRequest("made-by-member", "Made", "organisation", forum))),
        ["issue-key"] = new(
            forum => Json(HttpMethod.Post, $"api/tenants/{forum}/keys", new CreateApiKeyRequest("member", "sneaky")),
            (h, forum) => h.Service<TenantService>().IssueKeyAsync(forum, new CreateApiKeyRequest("member", "sneaky"))),
        ["list-keys"] = new(
            forum => new HttpRequestMessage(HttpMethod.Get, $"api/tenants/{forum}/keys"),
            (h, forum) => h.Service<TenantService>().ListKeysAsync(forum)),
        ["revoke-key"] = new(
            forum => new HttpRequestMessage(HttpMethod.Delete, $"api/tenants/{forum}/keys/some-key"),
            (h, forum) => h.Service<TenantService>().RevokeKeyAsync(forum, "some-key")),
        ["import-session"] = new(
            forum => Text($"api/tenants/{forum}/sessions:import", SampleReports.GfmdSessionC, "text/plain"),
            (h, forum) => h.Service<SessionService>().ImportTextAsync(forum, SampleReports.GfmdSessionC, null, dryRun: false)),
        ["publish-workflow"] = new(
            forum => Text($"api/tenants/{forum}/workflows", "id: never-published\n", "text/yaml"),
            (h, forum) => h.Service<WorkflowDefinitionService>().PublishAsync(forum, "id: never-published\n")),
        ["put-settings"] = new(
            forum => Json(HttpMethod.Put, $"api/tenants/{forum}/workflows/{Lifecycle}/settings", new WorkflowSettingsRequest(new Dictionary<string, string>())),
            (h, forum) => h.Service<WorkflowDefinitionService>().PutSettingsAsync(forum, Lifecycle, new WorkflowSettingsRequest(new Dictionary<string, string>()))),
        ["start-instance"] = new(
            forum => Json(HttpMethod.Post, $"api/tenants/{forum}/workflow-instances", new StartInstanceRequest(Lifecycle)),
            (h, forum) => h.Service<WorkflowInstanceService>().StartAsync(forum, new StartInstanceRequest(Lifecycle))),
        ["resolve-incident"] = new(
            forum => Json(HttpMethod.Post, $"api/tenants/{forum}/workflow-instances/some-instance/incidents/i1", new ResolveIncidentRequest("retry")),
            (h, forum) => h.Service<WorkflowInstanceService>().ResolveIncidentAsync(forum, "some-instance", "i1", new ResolveIncidentRequest("retry"))),
        ["cancel"] = new(
            forum => Json(HttpMethod.Post, $"api/tenants/{forum}/workflow-instances/some-instance:cancel", new CancelInstanceRequest("no")),
            (h, forum) => h.Service<WorkflowInstanceService>().CancelAsync(forum, "some-instance", new CancelInstanceRequest("no"))),
        ["migrate"] = new(
            forum => Json(HttpMethod.Post, $"api/tenants/{forum}/workflow-instances:migrate", new MigrateInstancesRequest(Lifecycle, 2, ["some-instance"])),
            (h, forum) => h.Service<WorkflowInstanceService>().MigrateAsync(forum, new MigrateInstancesRequest(Lifecycle, 2, ["some-instance"]))),
    };

    public static TheoryData<string> CoordinatorOnlyActions() => [.. CoordinatorOnly.Keys];

    [Theory]
    [MemberData(nameof(CoordinatorOnlyActions))]
    public async Task A_coordinator_only_action_is_403_for_a_member_key_through_http_and_the_service_and_changes_nothing(string action)
    {
        var keys = await ScopeAsync();
        var forum = keys.Scope.Forum;
        var (memberHttp, member) = await keys.KeyAsync(forum, "member");
        var keysBefore = (await keys.Root.GetFromJsonAsync<List<ApiKeySummaryResource>>($"api/tenants/{forum.Id}/keys"))!;

        using (memberHttp)
        using (var request = CoordinatorOnly[action].Http(forum.Id))
        using (var response = await memberHttp.SendAsync(request))
        {
            await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }
        await Assert.ThrowsAsync<RoleForbiddenException>(() => InProcessHostFixture.AsAsync(member, () => CoordinatorOnly[action].Service(host, forum.Id)));

        // Nothing was made: no child, no key, no session, no instance.
        Assert.Equal(3, (await keys.Root.GetFromJsonAsync<List<TenantResource>>($"api/tenants/{forum.Id}/children"))!.Count);
        Assert.Equal(keysBefore.Count, (await keys.Root.GetFromJsonAsync<List<ApiKeySummaryResource>>($"api/tenants/{forum.Id}/keys"))!.Count);
        Assert.Equal(0, (await keys.Root.GetFromJsonAsync<CommitmentPage>($"api/tenants/{forum.Id}/commitments"))!.Total);
        Assert.Equal(0, (await keys.Root.GetFromJsonAsync<WorkflowInstancePage>($"api/tenants/{forum.Id}/workflow-instances"))!.Total);
    }

    [Fact]
    public async Task The_same_service_calls_succeed_for_the_coordinator_over_the_tenant()
    {
        var keys = await ScopeAsync();
        var forum = keys.Scope.Forum;
        var (http, coordinator) = await keys.KeyAsync(forum, "coordinator");
        http.Dispose();
        var tenants = host.Service<TenantService>();

        var child = await InProcessHostFixture.AsAsync(coordinator, () =>
            tenants.CreateAsync(new CreateTenantRequest(Infrastructure.Api.UniqueId("made"), "Made", "organisation", forum.Id)));
        Assert.Equal(forum.Id, child.Parent);
        var issued = await InProcessHostFixture.AsAsync(coordinator, () => tenants.IssueKeyAsync(child.Id, new CreateApiKeyRequest("member", "a person")));
        await InProcessHostFixture.AsAsync(coordinator, () => tenants.RevokeKeyAsync(child.Id, issued.Id));
        var listed = await InProcessHostFixture.AsAsync(coordinator, () => tenants.ListKeysAsync(child.Id));
        Assert.NotNull(Assert.Single(listed).RevokedAt);
        var imported = await InProcessHostFixture.AsAsync(coordinator, () =>
            host.Service<SessionService>().ImportTextAsync(forum.Id, SampleReports.GfmdSessionC, null, dryRun: false));
        Assert.True(imported.Created);
        Assert.Equal($"/api/tenants/{forum.Id}/sessions/{imported.Result.Session.Id}", imported.Location);
    }

    [Fact]
    public async Task A_member_key_reaches_its_own_tenant_only_through_http_and_the_service()
    {
        var keys = await ScopeAsync();
        var scope = keys.Scope;
        var (http, member) = await keys.KeyAsync(scope.Forum, "member");
        using var _ = http;
        var tenants = host.Service<TenantService>();

        // Its own tenant: yes, through both doors.
        Assert.Equal(scope.Forum.Id, (await http.GetFromJsonAsync<TenantResource>($"api/tenants/{scope.Forum.Id}"))!.Id);
        Assert.Equal(scope.Forum.Id, (await InProcessHostFixture.AsAsync(member, () => tenants.GetAsync(scope.Forum.Id))).Id);

        // A child of its tenant: the not-found of a tenant that does not exist, through both doors.
        await Infrastructure.Api.AssertProblemAsync(await http.GetAsync(new Uri($"api/tenants/{scope.Tmp.Id}", UriKind.Relative)), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(
            await http.GetAsync(new Uri($"api/tenants/{scope.Tmp.Id}/commitments", UriKind.Relative)), HttpStatusCode.NotFound);
        await Assert.ThrowsAsync<DomainNotFoundException>(() => InProcessHostFixture.AsAsync(member, () => tenants.GetAsync(scope.Tmp.Id)));
        await Assert.ThrowsAsync<DomainNotFoundException>(() => InProcessHostFixture.AsAsync(member, () =>
            host.Service<CommitmentService>().ListAsync(scope.Tmp.Id, new CommitmentFilter())));
        await Assert.ThrowsAsync<DomainNotFoundException>(() => InProcessHostFixture.AsAsync(member, () => host.Service<ProfileService>().GetAsync(scope.Tmp.Id)));

        // The tree: a member sees its own tenant only; a coordinator its whole subtree, depth-first.
        var mine = await InProcessHostFixture.AsAsync(member, () => tenants.SubtreeAsync(scope.Forum.Id));
        Assert.Equal([scope.Forum.Id], mine.Select(t => t.Id));
        var (coordinatorHttp, coordinator) = await keys.KeyAsync(scope.Forum, "coordinator");
        coordinatorHttp.Dispose();
        var all = await InProcessHostFixture.AsAsync(coordinator, () => tenants.SubtreeAsync(scope.Forum.Id));
        Assert.Equal(new[] { scope.Forum.Id }.Concat(new[] { scope.Tmp.Id, scope.Gcm.Id, scope.Ici.Id }.Order(StringComparer.Ordinal)), all.Select(t => t.Id));
        Assert.All(all.Skip(1), t => Assert.Equal(scope.Forum.Id, t.Parent));
        await Assert.ThrowsAsync<DomainNotFoundException>(() => InProcessHostFixture.AsAsync(member, () => tenants.SubtreeAsync(scope.Tmp.Id)));
    }

    [Fact]
    public async Task Progress_is_only_for_owners_and_coordinators_over_the_home_through_http_and_the_service()
    {
        var keys = await ScopeAsync();
        var scope = keys.Scope;
        var import = await ImportAsync(scope);
        var id = import.CommitmentIds[0]; // owned by TMP and GCM, not ICI
        var commitments = host.Service<CommitmentService>();
        var progress = new ReportProgressRequest("complete", "not mine to say");

        // ICI owns another commitment; a member of the home tenant owns nothing: both get not-found, through both doors.
        foreach (var tenant in new[] { scope.Ici, scope.Forum })
        {
            var (http, member) = await keys.KeyAsync(tenant, "member");
            using (http)
            {
                foreach (var through in new[] { tenant.Id, scope.Forum.Id })
                {
                    using var response = await http.PostAsJsonAsync($"api/tenants/{through}/commitments/{id}/progress", progress);
                    await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.NotFound);
                    await Assert.ThrowsAsync<DomainNotFoundException>(() => InProcessHostFixture.AsAsync(member, () =>
                        commitments.ReportProgressAsync(through, id, progress)));
                }
            }
        }
        using (var coordinatorHttp = host.As(scope.CoordinatorKey))
        {
            var unchanged = (await coordinatorHttp.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{id}"))!;
            Assert.Equal(("not-started", 1), (unchanged.Status, unchanged.History.Count));

            // An owner's member key through the service, the coordinator over the home through HTTP.
            var (tmpHttp, tmpMember) = await keys.KeyAsync(scope.Tmp, "member");
            tmpHttp.Dispose();
            var byOwner = await InProcessHostFixture.AsAsync(tmpMember, () =>
                commitments.ReportProgressAsync(scope.Tmp.Id, id, new ReportProgressRequest("limited", "materials drafted")));
            Assert.Equal("limited", byOwner.Status);
            using var accepted = await coordinatorHttp.PostAsJsonAsync($"api/tenants/{scope.Forum.Id}/commitments/{id}/progress",
                new ReportProgressRequest("substantial"));
            await Infrastructure.Api.EnsureStatusAsync(accepted, HttpStatusCode.OK);
            var history = (await accepted.Content.ReadFromJsonAsync<CommitmentResource>())!.History;
            Assert.Equal(["imported", "progress", "progress"], history.Select(h => h.Kind));
        }
    }

    [Fact]
    public async Task Assigning_owners_is_for_coordinators_over_the_home_through_http_and_the_service()
    {
        var keys = await ScopeAsync();
        var scope = keys.Scope;
        var id = (await ImportAsync(scope)).CommitmentIds[0];
        var commitments = host.Service<CommitmentService>();
        var request = new AssignOwnersRequest([scope.Ici.Id], "hand over");

        // The owner TMP's coordinator sees the commitment but is not over its home: 403, through both doors.
        var (http, tmpCoordinator) = await keys.KeyAsync(scope.Tmp, "coordinator");
        using (http)
        {
            using var refused = await http.PutAsJsonAsync($"api/tenants/{scope.Tmp.Id}/commitments/{id}/owners", new AssignOwnersRequest([scope.Tmp.Id]));
            await Infrastructure.Api.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
            await Assert.ThrowsAsync<RoleForbiddenException>(() => InProcessHostFixture.AsAsync(tmpCoordinator, () =>
                commitments.AssignOwnersAsync(scope.Tmp.Id, id, new AssignOwnersRequest([scope.Tmp.Id]))));
        }
        var (memberHttp, forumMember) = await keys.KeyAsync(scope.Forum, "member");
        using (memberHttp)
        {
            using var refused = await memberHttp.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/commitments/{id}/owners", new AssignOwnersRequest([scope.Forum.Id]));
            await Infrastructure.Api.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
            await Assert.ThrowsAsync<RoleForbiddenException>(() => InProcessHostFixture.AsAsync(forumMember, () =>
                commitments.AssignOwnersAsync(scope.Forum.Id, id, new AssignOwnersRequest([scope.Forum.Id]))));
        }

        var (_, forumCoordinator) = await keys.KeyAsync(scope.Forum, "coordinator");
        var assigned = await InProcessHostFixture.AsAsync(forumCoordinator, () => commitments.AssignOwnersAsync(scope.Forum.Id, id, request));
        Assert.Equal([scope.Ici.Id], assigned.Owners.Select(o => o.Tenant));
    }

    [Fact]
    public async Task A_task_is_completed_only_by_its_home_or_assignee_tenants_through_http_and_the_service()
    {
        var keys = await ScopeAsync();
        var scope = keys.Scope;
        await ImportAsync(scope);
        var tasks = host.Service<TaskService>();
        var (tmpHttp, tmpMember) = await keys.KeyAsync(scope.Tmp, "member");
        using var _ = tmpHttp;
        // TMP owns commitment 0: its lifecycle's task for the owners is in TMP's list once the outbox resolved them.
        var task = Assert.Single((await Eventually.ReadAsync(
            async () => (await tmpHttp.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Tmp.Id}/tasks"))!, p => p.Total > 0)).Items);
        var report = new CompleteTaskRequest(new System.Text.Json.Nodes.JsonObject { ["status"] = "limited" });

        // ICI (a partner, not assigned) and another forum's coordinator: the not-found of a task that does not exist.
        var other = await ForumScope.CreateAsync(keys.Root);
        var (iciHttp, iciMember) = await keys.KeyAsync(scope.Ici, "member");
        using (iciHttp)
        using (var foreignHttp = host.As(other.CoordinatorKey))
        {
            var foreign = TenantCaller.ForKey(TenantPath.Parse(other.Forum.Path), TenantRole.Coordinator, "foreign");
            foreach (var (http, caller, tenant) in new[] { (iciHttp, iciMember, scope.Ici.Id), (iciHttp, iciMember, scope.Tmp.Id), (foreignHttp, foreign, other.Forum.Id) })
            {
                using var response = await http.PostAsJsonAsync($"api/tenants/{tenant}/tasks/{scope.Forum.Id}/{task.InstanceId}/{task.TaskId}:complete", report);
                await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.NotFound);
                await Assert.ThrowsAsync<DomainNotFoundException>(() => InProcessHostFixture.AsAsync(caller, () =>
                    tasks.CompleteAsync(tenant, scope.Forum.Id, task.InstanceId, task.TaskId, report.Result)));
            }
        }
        var stillOpen = await InProcessHostFixture.AsAsync(tmpMember, () => tasks.ListAsync(scope.Tmp.Id, new TaskFilter()));
        Assert.Equal([task.TaskId], stillOpen.Items.Select(t => t.TaskId));

        // The assignee TMP completes it through the service, though it cannot reach the home tenant's instance.
        var done = await InProcessHostFixture.AsAsync(tmpMember, () =>
            tasks.CompleteAsync(scope.Tmp.Id, scope.Forum.Id, task.InstanceId, task.TaskId, report.Result));
        Assert.Equal((task.TaskId, "completed"), (done.Id, done.Status));

        // The home's coordinator completes an owners' task of another commitment (ICI's) through HTTP.
        using var coordinator = host.As(scope.CoordinatorKey);
        var iciTask = (await Eventually.ReadAsync(
            async () => (await coordinator.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Ici.Id}/tasks"))!, p => p.Total > 0)).Items[0];
        using var completed = await coordinator.PostAsJsonAsync(iciTask.Complete, report);
        await Infrastructure.Api.EnsureStatusAsync(completed, HttpStatusCode.OK);
    }

    /// <summary>Reads and writes a foreign tenant's key might try, each through HTTP and its service.</summary>
    private static readonly Dictionary<string, Action> ForeignProbes = new(CoordinatorOnly)
    {
        ["get-tenant"] = new(f => new(HttpMethod.Get, $"api/tenants/{f}"), (h, f) => h.Service<TenantService>().GetAsync(f)),
        ["children"] = new(f => new(HttpMethod.Get, $"api/tenants/{f}/children"), (h, f) => h.Service<TenantService>().ChildrenAsync(f)),
        ["profile"] = new(f => new(HttpMethod.Get, $"api/tenants/{f}/profile"), (h, f) => h.Service<ProfileService>().GetAsync(f)),
        ["commitments"] = new(f => new(HttpMethod.Get, $"api/tenants/{f}/commitments"), (h, f) => h.Service<CommitmentService>().ListAsync(f, new CommitmentFilter())),
        ["workflows"] = new(f => new(HttpMethod.Get, $"api/tenants/{f}/workflows"), (h, f) => h.Service<WorkflowDefinitionService>().ListAsync(f)),
        ["instances"] = new(f => new(HttpMethod.Get, $"api/tenants/{f}/workflow-instances"), (h, f) => h.Service<WorkflowInstanceService>().ListAsync(f, new InstanceFilter())),
        ["tasks"] = new(f => new(HttpMethod.Get, $"api/tenants/{f}/tasks"), (h, f) => h.Service<TaskService>().ListAsync(f, new TaskFilter())),
        ["inbox"] = new(f => new(HttpMethod.Get, $"api/tenants/{f}/inbox"), (h, f) => h.Service<InboxService>().ListAsync(f)),
    };

    public static TheoryData<string> ForeignProbeNames() => [.. ForeignProbes.Keys];

    [Theory]
    [MemberData(nameof(ForeignProbeNames))]
    public async Task A_foreign_coordinator_gets_the_not_found_of_a_missing_tenant_through_http_and_the_service(string probe)
    {
        var keys = await ScopeAsync();
        var other = await ForumScope.CreateAsync(keys.Root);
        var foreign = TenantCaller.ForKey(TenantPath.Parse(other.Forum.Path), TenantRole.Coordinator, "foreign");
        var missing = Infrastructure.Api.UniqueId("nobody");
        using var http = host.As(other.CoordinatorKey);

        foreach (var tenant in new[] { keys.Scope.Forum.Id, missing })
        {
            using var request = ForeignProbes[probe].Http(tenant);
            using var response = await http.SendAsync(request);
            await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.NotFound);
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => InProcessHostFixture.AsAsync(foreign, () => ForeignProbes[probe].Service(host, tenant)));
            Assert.Equal(typeof(DomainNotFoundException), refused.GetType());
        }
    }

    [Fact]
    public async Task A_service_called_with_no_caller_entered_refuses()
    {
        var keys = await ScopeAsync();
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => host.Service<TenantService>().GetAsync(keys.Scope.Forum.Id));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => host.Service<CommitmentService>().ListAsync(keys.Scope.Forum.Id, new CommitmentFilter()));
    }
}
