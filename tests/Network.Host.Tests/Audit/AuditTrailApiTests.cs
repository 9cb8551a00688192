using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Audit;
using Network.Contracts.Commitments;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Audit;

/// <summary>
/// The audit trail as a coordinator reads it over HTTP: each change once, naming the key (id, label, role, door) or
/// the engine (instance and step), refusals of foreign keys on both sides, and the API's own refusals.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class AuditTrailApiTests(InProcessHostFixture host)
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    [Fact]
    public async Task A_partners_progress_report_is_recorded_once_with_its_key_label_role_door_and_trace_id()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        await scope.ImportSessionCAsync(coordinator);
        var tmpKey = await root.IssueKeyAsync(scope.Tmp.Id, "member", "TMP staff");
        using var tmp = host.As(tmpKey.Key);
        var own = (await tmp.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Tmp.Id}/commitments"))!.Items[0];

        using (var report = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{scope.Tmp.Id}/commitments/{own.Id}/progress"))
        {
            report.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
            report.Content = JsonContent.Create(new ReportProgressRequest("limited", "First workshop held"));
            using var response = await tmp.SendAsync(report);
            await TestApi.EnsureStatusAsync(response, HttpStatusCode.OK);
        }

        var page = await AuditAsync(coordinator, scope.Forum.Id, $"action=commitment.progress&target=commitment/{own.Id}");
        var line = Assert.Single(page.Items);
        Assert.Equal(1, page.Total);
        Assert.Equal("done", line.Outcome);
        Assert.Null(line.Reason);
        Assert.Equal($"network/{scope.Forum.Id}", line.Tenant);
        Assert.Equal(scope.Tmp.Id, line.TenantId);
        Assert.Equal(TraceId, line.TraceId);
        Assert.Equal(("key", tmpKey.Id, "TMP staff", "member", "http"), (line.Actor.Kind, line.Actor.KeyId, line.Actor.KeyLabel, line.Actor.Role, line.Actor.Door));
        Assert.EndsWith(scope.Tmp.Id, line.Actor.Tenant, StringComparison.Ordinal);

        // The commitment's history names the same actor.
        var history = (await coordinator.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{own.Id}"))!.History;
        Assert.Equal(line.Actor.Name, Assert.Single(history, h => h.Note == "First workshop held").By);

        // The import, the keys and the tenants of the forum are in its trail too; the engine's tasks for the owners name the instance and step.
        var everything = await AuditAsync(coordinator, scope.Forum.Id, "limit=200");
        Assert.Contains(everything.Items, e => e.Action == "session.import" && e.Target.StartsWith("session/", StringComparison.Ordinal) && e.Actor.Door == "http");
        Assert.Contains(everything.Items, e => e.Action == "tenant.create" && e.Target == $"tenant/{scope.Tmp.Id}");
        Assert.Contains(everything.Items, e => e.Action == "key.issue" && e.TenantId == scope.Tmp.Id);
        var engine = await Eventually.ReadAsync(() => AuditAsync(coordinator, scope.Forum.Id, "action=engine.task"), p => p.Total > 0);
        Assert.All(engine.Items, e =>
        {
            Assert.Equal(("engine", "engine"), (e.Actor.Kind, e.Actor.Door));
            Assert.NotNull(e.Actor.InstanceId);
            Assert.NotNull(e.Actor.StepId);
            Assert.StartsWith($"workflow {e.Actor.InstanceId} step ", e.Actor.Name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_foreign_keys_refused_change_is_recorded_where_it_reached_and_where_it_came_from()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var commitments = await scope.ImportSessionCAsync(coordinator);
        var other = await ForumScope.CreateAsync(root);
        var foreignKey = await root.IssueKeyAsync(other.Tmp.Id, "member", "someone else");
        using var foreign = host.As(foreignKey.Key);

        using var attempt = await foreign.PostAsJsonAsync($"api/tenants/{scope.Forum.Id}/commitments/{commitments[0]}/progress",
            new ReportProgressRequest("complete", "not ours"));
        await TestApi.AssertProblemAsync(attempt, HttpStatusCode.NotFound);

        var here = await AuditAsync(coordinator, scope.Forum.Id, $"actor={foreignKey.Id}");
        var refused = Assert.Single(here.Items);
        Assert.Equal(("refused", "commitment.progress", $"commitment/{commitments[0]}"), (refused.Outcome, refused.Action, refused.Target));
        Assert.StartsWith("not found or out of reach", refused.Reason, StringComparison.Ordinal);
        Assert.Equal("someone else", refused.Actor.KeyLabel);
        using var otherCoordinator = host.As(other.CoordinatorKey);
        var there = await AuditAsync(otherCoordinator, other.Forum.Id, $"actor={foreignKey.Id}");
        Assert.Equal(refused.Id, Assert.Single(there.Items).Id);

        // Nothing changed, and the forum's own trail does not leak to the other forum.
        var history = (await coordinator.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{commitments[0]}"))!.History;
        Assert.DoesNotContain(history, h => h.Note == "not ours");
        var leaked = await AuditAsync(otherCoordinator, other.Forum.Id, "limit=200");
        Assert.DoesNotContain(leaked.Items, e => e.Actor.Tenant?.EndsWith(scope.Forum.Id, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_task_a_partner_completes_names_the_partners_key_not_the_engine()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        await scope.ImportSessionCAsync(coordinator);
        var tmpKey = await root.IssueKeyAsync(scope.Tmp.Id, "member", "TMP reporting");
        using var tmp = host.As(tmpKey.Key);
        // The forum has passed, so the lifecycles open their owners' progress-report tasks at once.
        var tasks = await Eventually.ReadAsync(() => tmp.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Tmp.Id}/tasks")!, p => p!.Items.Count > 0);
        var task = tasks!.Items[0];

        using var complete = await tmp.PostAsJsonAsync(task.Complete, new CompleteTaskRequest(new() { ["status"] = "substantial", ["summary"] = "Done" }));
        await TestApi.EnsureStatusAsync(complete, HttpStatusCode.OK);

        var page = await AuditAsync(coordinator, scope.Forum.Id, $"action=task.complete&target=instance/{task.InstanceId}/task/{task.TaskId}");
        var line = Assert.Single(page.Items);
        Assert.Equal(("done", "key", tmpKey.Id, "TMP reporting"), (line.Outcome, line.Actor.Kind, line.Actor.KeyId, line.Actor.KeyLabel));
        Assert.Equal(task.HomeTenant, line.TenantId);
    }

    [Fact]
    public async Task Only_coordinators_read_the_trail_and_bad_filters_are_problems_naming_the_parameter()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var member = await root.IssueKeyAsync(scope.Forum.Id, "member", "reader");
        using var memberClient = host.As(member.Key);
        var other = await ForumScope.CreateAsync(root);
        using var otherCoordinator = host.As(other.CoordinatorKey);

        await TestApi.AssertProblemAsync(await memberClient.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/audit", UriKind.Relative)), HttpStatusCode.Forbidden);
        await TestApi.AssertProblemAsync(await otherCoordinator.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/audit", UriKind.Relative)), HttpStatusCode.NotFound);
        foreach (var (query, field) in new[]
        {
            ("action=commitment.explode", "action"), ("since=yesterday", "since"), ("since=2026-12-02T10:00:00", "since"),
            ("limit=0", "limit"), ("limit=201", "limit"), ("offset=-1", "offset"), ("actor=", "actor"),
        })
        {
            var problem = await TestApi.AssertProblemAsync(
                await coordinator.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/audit?{query}", UriKind.Relative)), HttpStatusCode.BadRequest);
            Assert.Contains(field, TestApi.ErrorFields(problem));
        }

        // Paging and the since filter: the forum's four tenant creations and its coordinator key, newest first.
        var all = await AuditAsync(coordinator, scope.Forum.Id, "limit=200");
        Assert.True(all.Total >= 4);
        var second = await AuditAsync(coordinator, scope.Forum.Id, "offset=1&limit=1");
        Assert.Equal(all.Items[1].Id, Assert.Single(second.Items).Id);
        Assert.Equal(all.Total, second.Total);
        var later = await AuditAsync(coordinator, scope.Forum.Id, $"since={Uri.EscapeDataString(all.Items[0].At.AddTicks(10).ToString("O"))}");
        Assert.Empty(later.Items);
        var sinceOldest = await AuditAsync(coordinator, scope.Forum.Id, $"since={Uri.EscapeDataString(all.Items[^1].At.ToString("O"))}&limit=200");
        Assert.Equal(all.Total, sinceOldest.Total);
    }

    private static async Task<AuditEntryPage> AuditAsync(HttpClient client, string tenantId, string query)
    {
        using var response = await client.GetAsync(new Uri($"api/tenants/{tenantId}/audit?{query}", UriKind.Relative));
        await TestApi.EnsureStatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<AuditEntryPage>())!;
    }
}
