using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Workflows;

/// <summary>Definitions published per tenant through the API: immutable versions, a child's override, settings, and who may do what.</summary>
[Collection(SqliteHostCollection.Name)]
public sealed class WorkflowPublishingApiTests(SqliteHostFixture host)
{
    private static readonly DateTimeOffset Start = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "text/yaml");

    private static string CheckIn(int version, string firstStep = "ask", string message = "'How is it going?'") => $"""
        id: check-in
        version: {version}
        title: Ask the owners how a commitment is going
        starts-on: manual
        inputs: [commitmentId]
        steps:
          - id: {firstStep}
            task: owners
            title: "{message}"
            then: thank
          - id: thank
            notify: owners
            message: "'Thank you'"
        """;

    [Fact]
    public async Task A_child_publishes_its_own_version_which_never_changes_and_only_its_subtree_runs()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var uri = $"api/tenants/{scope.Forum.Id}/workflows";
        var lifecycle = (await coordinator.GetFromJsonAsync<WorkflowDefinitionResource>(uri + "/commitment-lifecycle"))!;
        var shorter = lifecycle.Source
            .Replace("version: 1", "version: 2", StringComparison.Ordinal)
            .Replace("stallAfter: P45D", "stallAfter: P30D", StringComparison.Ordinal);

        using var published = await coordinator.PostAsync(new Uri(uri, UriKind.Relative), Yaml(shorter));
        using var again = await coordinator.PostAsync(new Uri(uri, UriKind.Relative), Yaml(shorter));
        using var changed = await coordinator.PostAsync(new Uri(uri, UriKind.Relative), Yaml(shorter.Replace("P30D", "P20D", StringComparison.Ordinal)));

        await Infrastructure.Api.EnsureStatusAsync(published, HttpStatusCode.Created);
        var version = (await published.Content.ReadFromJsonAsync<WorkflowVersionResource>())!;
        Assert.Equal((2, scope.Forum.Id), (version.Version, version.PublishedBy));
        await Infrastructure.Api.EnsureStatusAsync(again, HttpStatusCode.OK);
        await Infrastructure.Api.AssertProblemAsync(changed, HttpStatusCode.Conflict);
        var ours = (await coordinator.GetFromJsonAsync<List<WorkflowSummaryResource>>(uri))!.Single(w => w.Id == "commitment-lifecycle");
        Assert.Equal((2, scope.Forum.Id, "P30D"), (ours.Version, ours.PublishedBy, ours.Settings["stallAfter"]));
        var below = (await coordinator.GetFromJsonAsync<List<WorkflowSummaryResource>>($"api/tenants/{scope.Tmp.Id}/workflows"))!.Single(w => w.Id == "commitment-lifecycle");
        Assert.Equal(2, below.Version);
        var network = (await root.GetFromJsonAsync<List<WorkflowSummaryResource>>("api/tenants/network/workflows"))!.Single(w => w.Id == "commitment-lifecycle");
        Assert.Equal((1, (string?)null, "P45D"), (network.Version, network.PublishedBy, network.Settings["stallAfter"]));
        var versions = (await coordinator.GetFromJsonAsync<List<WorkflowVersionResource>>(uri + "/commitment-lifecycle/versions"))!;
        Assert.Equal([(2, scope.Forum.Id, true), (1, null, false)], versions.Select(v => (v.Version, v.PublishedBy, v.Current)));
        var first = (await coordinator.GetFromJsonAsync<WorkflowDefinitionResource>(uri + "/commitment-lifecycle?version=1"))!;
        Assert.Contains("stallAfter: P45D", first.Source, StringComparison.Ordinal);

        // The forum's simulation runs its own version: stalled after 30 days.
        using var simulated = await coordinator.PostAsJsonAsync(uri + "/commitment-lifecycle:simulate", new SimulationRequest(Start, Start.AddDays(40),
            new System.Text.Json.Nodes.JsonObject { ["commitmentId"] = "c-1", ["tenantId"] = scope.Forum.Id, ["dueAt"] = "2017-06-01", ["reviewAt"] = "2017-12-31" }));
        var timeline = (await simulated.Content.ReadFromJsonAsync<SimulationResultResource>())!.Timeline;
        Assert.Equal(Start.AddDays(30), timeline.First(t => t.Kind == "stalled").At);
    }

    [Fact]
    public async Task Publishing_is_refused_with_the_line_for_an_invalid_definition_to_members_and_to_foreign_tenants()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var member = host.As((await root.IssueKeyAsync(scope.Forum.Id, "member")).Key);
        using var foreign = host.As(other.CoordinatorKey);
        var uri = new Uri($"api/tenants/{scope.Forum.Id}/workflows", UriKind.Relative);

        using var invalid = await coordinator.PostAsync(uri, Yaml(CheckIn(1).Replace("then: thank", "then: nowhere", StringComparison.Ordinal)));
        using var byMember = await member.PostAsync(uri, Yaml(CheckIn(1)));
        using var byForeign = await foreign.PostAsync(uri, Yaml(CheckIn(1)));
        using var notYaml = await coordinator.PostAsync(uri, JsonContent.Create(new { id = "check-in" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType!.MediaType);
        var problems = (await invalid.Content.ReadFromJsonAsync<WorkflowValidationResource>())!.Problems;
        Assert.Equal([("dangling-transition", 10, 11), ("unreachable-step", 11, 9)], problems.Select(p => (p.Code, p.Line, p.Column)));
        await Infrastructure.Api.AssertProblemAsync(byMember, HttpStatusCode.Forbidden);
        await Infrastructure.Api.AssertProblemAsync(byForeign, HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(notYaml, HttpStatusCode.UnsupportedMediaType);
        Assert.DoesNotContain((await coordinator.GetFromJsonAsync<List<WorkflowSummaryResource>>(uri))!, w => w.Id == "check-in");
    }

    [Fact]
    public async Task A_tenants_settings_apply_to_its_subtree_and_bad_values_are_refused_by_name()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var member = host.As((await root.IssueKeyAsync(scope.Forum.Id, "member")).Key);
        var uri = $"api/tenants/{scope.Forum.Id}/workflows/commitment-lifecycle/settings";

        using var set = await coordinator.PutAsJsonAsync(uri, new WorkflowSettingsRequest(new Dictionary<string, string> { ["stallAfter"] = "P20D" }));
        using var unknown = await coordinator.PutAsJsonAsync(uri, new WorkflowSettingsRequest(new Dictionary<string, string> { ["stallAftr"] = "P20D" }));
        using var notDuration = await coordinator.PutAsJsonAsync(uri, new WorkflowSettingsRequest(new Dictionary<string, string> { ["stallAfter"] = "twenty days" }));
        using var byMember = await member.PutAsJsonAsync(uri, new WorkflowSettingsRequest(new Dictionary<string, string> { ["stallAfter"] = "P1D" }));

        await Infrastructure.Api.EnsureStatusAsync(set, HttpStatusCode.OK);
        var settings = (await set.Content.ReadFromJsonAsync<WorkflowSettingsResource>())!;
        Assert.Equal(("P45D", "P20D", "P20D"), (settings.Defaults["stallAfter"], settings.Own["stallAfter"], settings.Effective["stallAfter"]));
        Assert.Equal(["settings.stallAftr"], Infrastructure.Api.ErrorFields(await Infrastructure.Api.AssertProblemAsync(unknown, HttpStatusCode.BadRequest)));
        Assert.Equal(["settings.stallAfter"], Infrastructure.Api.ErrorFields(await Infrastructure.Api.AssertProblemAsync(notDuration, HttpStatusCode.BadRequest)));
        await Infrastructure.Api.AssertProblemAsync(byMember, HttpStatusCode.Forbidden);
        var below = (await coordinator.GetFromJsonAsync<WorkflowSettingsResource>($"api/tenants/{scope.Tmp.Id}/workflows/commitment-lifecycle/settings"))!;
        Assert.Equal(("P20D", 0), (below.Effective["stallAfter"], below.Own.Count));
        var network = (await root.GetFromJsonAsync<WorkflowSettingsResource>("api/tenants/network/workflows/commitment-lifecycle/settings"))!;
        Assert.Equal("P45D", network.Effective["stallAfter"]);
    }

    [Fact]
    public async Task Instances_move_to_a_new_version_only_when_every_step_they_are_at_is_mapped()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var workflows = new Uri($"api/tenants/{scope.Forum.Id}/workflows", UriKind.Relative);
        var instances = $"api/tenants/{scope.Forum.Id}/workflow-instances";
        await Infrastructure.Api.EnsureStatusAsync(await coordinator.PostAsync(workflows, Yaml(CheckIn(1))), HttpStatusCode.Created);
        foreach (var id in new[] { "check-in--a", "check-in--b" })
        {
            using var started = await coordinator.PostAsJsonAsync(instances, new StartInstanceRequest("check-in",
                new System.Text.Json.Nodes.JsonObject { ["commitmentId"] = id }, id));
            await Infrastructure.Api.EnsureStatusAsync(started, HttpStatusCode.Created);
        }
        await Infrastructure.Api.EnsureStatusAsync(await coordinator.PostAsync(workflows, Yaml(CheckIn(2, firstStep: "ask-owners"))), HttpStatusCode.Created);
        var migrate = instances + ":migrate";

        using var unmapped = await coordinator.PostAsJsonAsync(migrate, new MigrateInstancesRequest("check-in", 2, ["check-in--a", "check-in--b"]));
        using var dryRun = await coordinator.PostAsJsonAsync(migrate, new MigrateInstancesRequest("check-in", 2, ["check-in--a"],
            new Dictionary<string, string> { ["ask"] = "ask-owners" }, DryRun: true));
        var stillOne = (await coordinator.GetFromJsonAsync<WorkflowInstanceResource>(instances + "/check-in--a"))!;
        using var mapped = await coordinator.PostAsJsonAsync(migrate, new MigrateInstancesRequest("check-in", 2, ["check-in--a", "check-in--b"],
            new Dictionary<string, string> { ["ask"] = "ask-owners" }));
        using var foreign = host.As(other.CoordinatorKey);
        using var byForeign = await foreign.PostAsJsonAsync(migrate, new MigrateInstancesRequest("check-in", 2, ["check-in--a"]));
        using var missing = await coordinator.PostAsJsonAsync(migrate, new MigrateInstancesRequest("check-in", 2, ["no-such-instance"]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unmapped.StatusCode);
        Assert.Equal("application/problem+json", unmapped.Content.Headers.ContentType!.MediaType);
        var refused = (await unmapped.Content.ReadFromJsonAsync<MigrationResultResource>())!;
        Assert.All(refused.Instances, i => Assert.Equal(("unmapped-step", "ask", false), (i.Problems.Single().Code, i.Problems.Single().Step, i.Migrated)));
        await Infrastructure.Api.EnsureStatusAsync(dryRun, HttpStatusCode.OK);
        Assert.Equal(1, stillOne.DefinitionVersion);
        await Infrastructure.Api.EnsureStatusAsync(mapped, HttpStatusCode.OK);
        Assert.All((await mapped.Content.ReadFromJsonAsync<MigrationResultResource>())!.Instances, i => Assert.True(i.Migrated));
        var moved = (await coordinator.GetFromJsonAsync<WorkflowInstanceResource>(instances + "/check-in--a"))!;
        Assert.Equal((2, "ask-owners"), (moved.DefinitionVersion, moved.WaitingAt.Single()));
        var task = (await coordinator.GetFromJsonAsync<List<WorkflowTaskResource>>(instances + "/check-in--a/tasks"))!.Single();
        Assert.Equal("ask-owners", task.Step);
        await Infrastructure.Api.AssertProblemAsync(byForeign, HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tasks_and_notifications_reach_the_owners_inbox_and_no_one_elses()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var partner = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        using var foreign = host.As(other.CoordinatorKey);

        // The 2016 report's forum is past, so each commitment's progress-report task goes to its owners at once.
        using var imported = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        await Infrastructure.Api.EnsureStatusAsync(imported, HttpStatusCode.Created);
        var inbox = $"api/tenants/{scope.Tmp.Id}/inbox";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<InboxEntryResource> entries;
        do
        {
            entries = (await partner.GetFromJsonAsync<List<InboxEntryResource>>(inbox + "?kind=task"))!;
        }
        while (entries.Count == 0 && DateTime.UtcNow < deadline && await Delay());

        var task = Assert.IsType<InboxEntryResource>(entries.FirstOrDefault());
        Assert.Equal(("task", "owners", scope.Forum.Id), (task.Kind, task.To, task.HomeTenant));
        Assert.StartsWith("commitment-lifecycle--", task.InstanceId, StringComparison.Ordinal);
        await Infrastructure.Api.AssertProblemAsync(await foreign.GetAsync(new Uri(inbox, UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Equal(["kind"], Infrastructure.Api.ErrorFields(await Infrastructure.Api.AssertProblemAsync(await partner.GetAsync(new Uri(inbox + "?kind=gossip", UriKind.Relative)), HttpStatusCode.BadRequest)));
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }
}
