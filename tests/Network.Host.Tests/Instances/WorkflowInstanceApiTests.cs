using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Sessions;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Instances;

[Collection(SqliteHostCollection.Name)]
public sealed class WorkflowInstanceApiTests(SqliteHostFixture host)
{
    private async Task<(ForumScope Scope, string InstanceUri)> LifecycleAsync(HttpClient root)
    {
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var response = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        var import = (await response.Content.ReadFromJsonAsync<ImportResultResource>())!;
        return (scope, $"api/tenants/{scope.Forum.Id}/workflow-instances/commitment-lifecycle--{import.CommitmentIds[0]}");
    }

    [Fact]
    public async Task Tasks_incidents_and_cancel_answer_for_the_home_tenant()
    {
        using var root = host.Root();
        var (scope, uri) = await LifecycleAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var member = host.As((await root.IssueKeyAsync(scope.Forum.Id, "member")).Key);

        // The report is from 2016: its forum is long past, so the forum's progress-report task is open at once.
        var forumTask = Assert.Single((await member.GetFromJsonAsync<List<WorkflowTaskResource>>(uri + "/tasks"))!);
        Assert.Equal(("forum-progress-report", "owners", "open"), (forumTask.Step, forumTask.AssignedTo, forumTask.Status));
        using var complete = await member.PostAsJsonAsync($"{uri}/tasks/{forumTask.Id}:complete",
            new CompleteTaskRequest(new System.Text.Json.Nodes.JsonObject { ["summary"] = "campaign launched on 21 March" }));
        await Infrastructure.Api.EnsureStatusAsync(complete, HttpStatusCode.OK);
        Assert.Equal("completed", (await complete.Content.ReadFromJsonAsync<WorkflowTaskResource>())!.Status);
        // Then the year end (also past) opens the coordinator's review.
        var tasks = (await member.GetFromJsonAsync<List<WorkflowTaskResource>>(uri + "/tasks"))!;
        Assert.Contains(tasks, t => t.Step == "year-end-review" && t.Status == "open");
        Assert.Empty((await member.GetFromJsonAsync<List<WorkflowIncidentResource>>(uri + "/incidents"))!);
        await Infrastructure.Api.AssertProblemAsync(
            await coordinator.PostAsJsonAsync(uri + "/tasks/t-404:complete", new CompleteTaskRequest()), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(
            await member.PostAsJsonAsync(uri + ":cancel", new CancelInstanceRequest("not mine")), HttpStatusCode.Forbidden);

        using var cancel = await coordinator.PostAsJsonAsync(uri + ":cancel", new CancelInstanceRequest("withdrawn"));
        await Infrastructure.Api.EnsureStatusAsync(cancel, HttpStatusCode.OK);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<WorkflowInstanceResource>())!.Status);
        Assert.Equal("cancelled", (await member.GetFromJsonAsync<WorkflowInstanceResource>(uri))!.Status);
    }

    [Fact]
    public async Task The_journal_is_read_whole_or_a_page_at_a_time_after_a_line_and_bad_paging_is_a_problem()
    {
        using var root = host.Root();
        var (scope, uri) = await LifecycleAsync(root);
        using var member = host.As((await root.IssueKeyAsync(scope.Forum.Id, "member")).Key);
        var whole = (await member.GetFromJsonAsync<List<JournalEntryResource>>(uri + "/journal"))!;
        Assert.True(whole.Count >= 4, $"expected a few lines, got {whole.Count}");
        Assert.Equal(Enumerable.Range(1, whole.Count).Select(i => (long)i), whole.Select(j => j.Seq));

        var pages = new List<JournalEntryResource>();
        var after = 0L;
        while (true)
        {
            var page = (await member.GetFromJsonAsync<List<JournalEntryResource>>($"{uri}/journal?after={after}&limit=3"))!;
            Assert.InRange(page.Count, 0, 3);
            if (page.Count == 0)
            {
                break;
            }
            pages.AddRange(page);
            after = page[^1].Seq;
        }

        // (Lines the instance wrote meanwhile, if any, come after the ones read whole.)
        Assert.Equal(whole, pages.Take(whole.Count));
        Assert.Equal(Enumerable.Range(1, pages.Count).Select(i => (long)i), pages.Select(j => j.Seq));
        Assert.Equal(whole.Skip(2).Take(1), (await member.GetFromJsonAsync<List<JournalEntryResource>>($"{uri}/journal?after=2&limit=1"))!);
        await Infrastructure.Api.AssertProblemAsync(await member.GetAsync(new Uri($"{uri}/journal?limit=0", UriKind.Relative)), HttpStatusCode.BadRequest);
        await Infrastructure.Api.AssertProblemAsync(await member.GetAsync(new Uri($"{uri}/journal?after=-1", UriKind.Relative)), HttpStatusCode.BadRequest);
        await Infrastructure.Api.AssertProblemAsync(await member.GetAsync(new Uri($"{uri}/journal?limit=1001", UriKind.Relative)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Every_instance_endpoint_is_404_for_a_foreign_key()
    {
        using var root = host.Root();
        var (_, uri) = await LifecycleAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var foreign = host.As(other.CoordinatorKey);

        foreach (var response in new[]
        {
            await foreign.GetAsync(new Uri(uri, UriKind.Relative)),
            await foreign.GetAsync(new Uri(uri + "/journal", UriKind.Relative)),
            await foreign.GetAsync(new Uri(uri + "/tasks", UriKind.Relative)),
            await foreign.GetAsync(new Uri(uri + "/incidents", UriKind.Relative)),
            await foreign.PostAsJsonAsync(uri + "/tasks/t1:complete", new CompleteTaskRequest()),
            await foreign.PostAsJsonAsync(uri + "/incidents/i1", new ResolveIncidentRequest("skip")),
            await foreign.PostAsJsonAsync(uri + ":cancel", new CancelInstanceRequest()),
        })
        {
            using (response)
            {
                await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.NotFound);
            }
        }
        using var coordinator = host.Root();
        Assert.NotEqual("cancelled", (await coordinator.GetFromJsonAsync<WorkflowInstanceResource>(uri))!.Status);
    }
}
