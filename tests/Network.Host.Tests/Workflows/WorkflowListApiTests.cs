using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Network.Contracts.Sessions;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Workflows;

/// <summary>
/// The instance and task lists from the read model, and completing a task from a partner's list: an owner tenant
/// completes the task the commitment's workflow opened for its owners, though it cannot reach the home tenant.
/// </summary>
[Collection(SqliteHostCollection.Name)]
public sealed class WorkflowListApiTests(SqliteHostFixture host)
{
    /// <summary>
    /// A forum with the sample report imported: four commitments, three of which start commitment-lifecycle (the
    /// blocked one starts dependency-wait). Its forum is long past, so each lifecycle's owners' task is open at once.
    /// Commitment 0 is owned by TMP and GCM, commitment 1 by ICI.
    /// </summary>
    private async Task<(ForumScope Scope, ImportResultResource Import)> ImportedAsync(HttpClient root)
    {
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var response = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.Created);
        return (scope, (await response.Content.ReadFromJsonAsync<ImportResultResource>())!);
    }

    private static string Lifecycle(string commitmentId) => "commitment-lifecycle--" + commitmentId;

    [Fact]
    public async Task Recording_commitments_lists_their_instances_filtered_and_paged()
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var forum = scope.Forum.Id;
        async Task<WorkflowInstancePage> ListAsync(HttpClient client, string tenant, string query = "") =>
            (await client.GetFromJsonAsync<WorkflowInstancePage>($"api/tenants/{tenant}/workflow-instances{query}"))!;

        var all = await ListAsync(coordinator, forum);
        // A lifecycle per commitment (the blocked one waits on its dependency first), and the session's report.
        Assert.Equal((5, 0, 50), (all.Total, all.Offset, all.Limit));
        Assert.Equal(
            import.CommitmentIds.Take(3).Select(Lifecycle).Append("dependency-wait--" + import.CommitmentIds[3])
                .Append("session-report--" + import.Session.Id).Order(StringComparer.Ordinal),
            all.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.All(all.Items, i => Assert.Equal((forum, 1), (i.HomeTenant, i.DefinitionVersion)));
        Assert.Equal(all.Items.OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id, StringComparer.Ordinal), all.Items);
        var first = all.Items.Single(i => i.Id == Lifecycle(import.CommitmentIds[0]));
        Assert.Equal(("commitment-lifecycle", "waiting", 1, 0), (first.DefinitionId, first.Status, first.OpenTasks, first.OpenIncidents));
        Assert.NotNull(first.NextDueAt);

        var lifecycles = await ListAsync(coordinator, forum, "?definition=commitment-lifecycle&status=waiting");
        Assert.Equal(import.CommitmentIds.Take(3).Select(Lifecycle).Order(StringComparer.Ordinal), lifecycles.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["dependency-wait"], (await ListAsync(coordinator, forum, "?definition=dependency-wait")).Items.Select(i => i.DefinitionId));
        Assert.Equal(0, (await ListAsync(coordinator, forum, "?status=completed")).Total);
        var page = await ListAsync(coordinator, forum, "?offset=1&limit=2");
        Assert.Equal((5, 1, 2), (page.Total, page.Offset, page.Limit));
        Assert.Equal(all.Items.Skip(1).Take(2).Select(i => i.Id), page.Items.Select(i => i.Id));

        // The root sees them in its subtree; an owner tenant does not (instances are listed by their home tenant).
        Assert.Equal(3, (await ListAsync(root, "network", "?definition=commitment-lifecycle&limit=200")).Items.Count(i => i.HomeTenant == forum));
        using var tmpMember = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        Assert.Equal(0, (await ListAsync(tmpMember, scope.Tmp.Id)).Total);
    }

    [Fact]
    public async Task A_tenant_lists_its_own_tasks_and_those_its_role_was_given()
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var tmpMember = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        async Task<WorkflowTaskPage> ListAsync(HttpClient client, string tenant, string query = "") =>
            (await client.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{tenant}/tasks{query}"))!;

        // The session's report waits for its coordinator's review; the owners' forum reports are the lifecycles'.
        var review = Assert.Single((await ListAsync(coordinator, scope.Forum.Id, "?assignedTo=tenant-coordinator")).Items);
        Assert.Equal(("session-report", "review-the-report"), (review.DefinitionId, review.Step));
        var forumTasks = await ListAsync(coordinator, scope.Forum.Id, "?assignedTo=owners");
        Assert.Equal(import.CommitmentIds.Take(3).Select(Lifecycle).Order(StringComparer.Ordinal), forumTasks.Items.Select(t => t.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(forumTasks.Items, t => Assert.Equal(
            (scope.Forum.Id, "commitment-lifecycle", "forum-progress-report", "owners", "open"), (t.HomeTenant, t.DefinitionId, t.Step, t.AssignedTo, t.Status)));
        // By due date: the two commitments of period 1 (due 30 June 2017) before the one of period 2.
        Assert.Equal([import.CommitmentIds[2]], forumTasks.Items.Skip(2).Select(t => t.InstanceId["commitment-lifecycle--".Length..]));
        Assert.Equal(2, (await ListAsync(coordinator, scope.Forum.Id, "?assignedTo=owners&dueBefore=2017-07-01")).Total);

        // The task is listed for its home at once, for the owners once the outbox has resolved who they are.
        var tmpTask = Assert.Single((await Eventually.ReadAsync(() => ListAsync(tmpMember, scope.Tmp.Id), p => p.Total > 0)).Items);
        Assert.Equal(Lifecycle(import.CommitmentIds[0]), tmpTask.InstanceId);
        Assert.Equal([scope.Gcm.Id, scope.Tmp.Id], tmpTask.Assignees.Order(StringComparer.Ordinal));
        Assert.Equal(new DateTimeOffset(2017, 6, 30, 0, 0, 0, TimeSpan.Zero), tmpTask.DueAt);
        Assert.Equal($"/api/tenants/{scope.Tmp.Id}/tasks/{scope.Forum.Id}/{tmpTask.InstanceId}/{tmpTask.TaskId}:complete", tmpTask.Complete);
        Assert.Equal(1, (await ListAsync(tmpMember, scope.Tmp.Id, "?assignedTo=owners")).Total);
        Assert.Equal(0, (await ListAsync(tmpMember, scope.Tmp.Id, "?assignedTo=tenant-coordinator")).Total);
        Assert.Equal(0, (await ListAsync(tmpMember, scope.Tmp.Id, "?dueBefore=2017-06-30")).Total);
        Assert.Equal(0, (await ListAsync(tmpMember, scope.Tmp.Id, "?status=completed")).Total);

        var page = await ListAsync(coordinator, scope.Forum.Id, "?status=all&assignedTo=owners&offset=2&limit=1");
        Assert.Equal((3, 2, 1), (page.Total, page.Offset, page.Limit));
        Assert.Equal(forumTasks.Items[2].TaskId, Assert.Single(page.Items).TaskId);
    }

    [Fact]
    public async Task A_partner_owner_completes_its_task_through_its_own_list_and_another_partner_gets_404()
    {
        using var root = host.Root();
        var (scope, _) = await ImportedAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var tmpMember = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        using var iciMember = host.As((await root.IssueKeyAsync(scope.Ici.Id, "member")).Key);
        using var tmpIntegration = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "integration")).Key);
        var task = Assert.Single((await Eventually.ReadAsync(
            async () => (await tmpMember.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Tmp.Id}/tasks"))!, p => p.Total > 0)).Items);
        var instanceUri = $"api/tenants/{scope.Forum.Id}/workflow-instances/{task.InstanceId}";
        var report = new CompleteTaskRequest(new JsonObject { ["summary"] = "campaign launched on 21 March" });

        // The partner cannot reach the instance itself: only through the task its role was given.
        await Infrastructure.Api.AssertProblemAsync(await tmpMember.GetAsync(new Uri(instanceUri, UriKind.Relative)), HttpStatusCode.NotFound);

        // ICI owns another commitment, not this one: through its own tenant or TMP's, the task is not there for it.
        foreach (var uri in new[] { $"api/tenants/{scope.Ici.Id}/tasks/{scope.Forum.Id}/{task.InstanceId}/{task.TaskId}:complete", task.Complete })
        {
            using var refused = await iciMember.PostAsJsonAsync(uri, report);
            await Infrastructure.Api.AssertProblemAsync(refused, HttpStatusCode.NotFound);
        }
        using (var asIntegration = await tmpIntegration.PostAsJsonAsync(task.Complete, report))
        {
            await Infrastructure.Api.AssertProblemAsync(asIntegration, HttpStatusCode.Forbidden);
        }
        using (var missing = await tmpMember.PostAsJsonAsync($"api/tenants/{scope.Tmp.Id}/tasks/{scope.Forum.Id}/{task.InstanceId}/t999:complete", report))
        {
            await Infrastructure.Api.AssertProblemAsync(missing, HttpStatusCode.NotFound);
        }
        Assert.Equal("open", (await coordinator.GetFromJsonAsync<List<WorkflowTaskResource>>(instanceUri + "/tasks"))!.Single(t => t.Id == task.TaskId).Status);

        using var completed = await tmpMember.PostAsJsonAsync(task.Complete, report);
        await Infrastructure.Api.EnsureStatusAsync(completed, HttpStatusCode.OK);
        var done = (await completed.Content.ReadFromJsonAsync<WorkflowTaskResource>())!;
        Assert.Equal((task.TaskId, "completed"), (done.Id, done.Status));
        Assert.Equal("campaign launched on 21 March", done.Result!["summary"]!.GetValue<string>());

        // The instance went on (the year end is past too, so the coordinator's review opened), and the lists show it.
        var tasks = (await coordinator.GetFromJsonAsync<List<WorkflowTaskResource>>(instanceUri + "/tasks"))!;
        Assert.Contains(tasks, t => t.Step == "year-end-review" && t.Status == "open");
        Assert.Equal(0, (await tmpMember.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Tmp.Id}/tasks"))!.Total);
        Assert.Equal([task.TaskId], (await tmpMember.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Tmp.Id}/tasks?status=completed"))!.Items.Select(t => t.TaskId));
        var review = Assert.Single((await coordinator.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Forum.Id}/tasks?assignedTo=tenant-coordinator"))!.Items,
            t => t.DefinitionId == "commitment-lifecycle");
        Assert.Equal(task.InstanceId, review.InstanceId);
        // The home tenant's coordinator completes through its own list too.
        using var reviewed = await coordinator.PostAsJsonAsync(review.Complete, new CompleteTaskRequest(new JsonObject { ["status"] = "substantial" }));
        await Infrastructure.Api.EnsureStatusAsync(reviewed, HttpStatusCode.OK);
        Assert.Equal("completed", (await coordinator.GetFromJsonAsync<WorkflowInstanceResource>(instanceUri))!.Status);
    }

    [Fact]
    public async Task A_foreign_tenants_key_gets_404_from_the_lists_and_the_complete_route()
    {
        using var root = host.Root();
        var (scope, _) = await ImportedAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var foreign = host.As(other.CoordinatorKey);
        var task = (await coordinator.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Forum.Id}/tasks"))!.Items[0];

        foreach (var response in new[]
        {
            await foreign.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/workflow-instances", UriKind.Relative)),
            await foreign.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/tasks", UriKind.Relative)),
            await foreign.GetAsync(new Uri($"api/tenants/{scope.Tmp.Id}/tasks", UriKind.Relative)),
            await foreign.PostAsJsonAsync(task.Complete, new CompleteTaskRequest()),
            // Through its own tenant: the task is neither homed nor assigned there.
            await foreign.PostAsJsonAsync($"api/tenants/{other.Forum.Id}/tasks/{scope.Forum.Id}/{task.InstanceId}/{task.TaskId}:complete", new CompleteTaskRequest()),
        })
        {
            using (response)
            {
                await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.NotFound);
            }
        }
        Assert.Equal(0, (await foreign.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{other.Forum.Id}/tasks?status=all"))!.Total);
        Assert.Equal("open", (await coordinator.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Forum.Id}/tasks"))!.Items
            .Single(t => t.TaskId == task.TaskId && t.InstanceId == task.InstanceId).Status);
    }

    [Theory]
    [InlineData("workflow-instances?status=finished", "status")]
    [InlineData("workflow-instances?status=all", "status")]
    [InlineData("workflow-instances?definition=Not_An_Id", "definition")]
    [InlineData("workflow-instances?limit=0", "limit")]
    [InlineData("workflow-instances?limit=201", "limit")]
    [InlineData("workflow-instances?offset=-1", "offset")]
    [InlineData("tasks?status=done", "status")]
    [InlineData("tasks?assignedTo=Tenant%20Coordinator", "assignedTo")]
    [InlineData("tasks?dueBefore=June", "dueBefore")]
    [InlineData("tasks?limit=500", "limit")]
    [InlineData("tasks?offset=x", "offset")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query, string field)
    {
        using var root = host.Root();
        var problem = await Infrastructure.Api.AssertProblemAsync(
            await root.GetAsync(new Uri($"api/tenants/network/{query}", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.Equal([field], Infrastructure.Api.ErrorFields(problem));
    }

    [Theory]
    [InlineData("Not_A_Tenant/i1/t1", "homeTenantId")]
    [InlineData("network/Bad_Id/t1", "instanceId")]
    [InlineData("network/i1/Bad_Task", "taskId")]
    public async Task A_malformed_task_address_is_400_naming_the_part(string address, string field)
    {
        using var root = host.Root();
        using var response = await root.PostAsJsonAsync($"api/tenants/network/tasks/{address}:complete", new CompleteTaskRequest());
        var problem = await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], Infrastructure.Api.ErrorFields(problem));
    }
}
