using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Workflows;

[Collection(SqliteHostCollection.Name)]
public sealed class WorkflowApiTests(SqliteHostFixture host)
{
    private static readonly DateTimeOffset Start = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_standard_workflows_are_listed_and_readable()
    {
        using var root = host.Root();
        var list = (await root.GetFromJsonAsync<List<WorkflowSummaryResource>>("api/tenants/network/workflows"))!;
        Assert.Equal(["campaign-launch", "commitment-lifecycle", "dependency-wait", "session-report", "year-end-review"], list.Select(w => w.Id));
        var lifecycle = list.Single(w => w.Id == "commitment-lifecycle");
        Assert.Equal(("event CommitmentRecorded", "P45D"), (lifecycle.Trigger, lifecycle.Settings["stallAfter"]));

        var document = (await root.GetFromJsonAsync<WorkflowDefinitionResource>("api/tenants/network/workflows/commitment-lifecycle"))!;
        Assert.Contains("id: commitment-lifecycle", document.Source, StringComparison.Ordinal);
        await Infrastructure.Api.AssertProblemAsync(await root.GetAsync(new Uri("api/tenants/network/workflows/nothing", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Simulating_the_lifecycle_without_progress_shows_the_stall_on_day_45_then_the_ladder()
    {
        using var root = host.Root();
        var request = new SimulationRequest(Start, Start.AddDays(70), Inputs());

        using var response = await root.PostAsJsonAsync("api/tenants/network/workflows/commitment-lifecycle:simulate", request);

        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.OK);
        var timeline = (await response.Content.ReadFromJsonAsync<SimulationResultResource>())!.Timeline;
        Assert.Equal(Start.AddDays(45), timeline.First(t => t.Kind == "stalled").At);
        Assert.Equal(["remind-owners", "alert-tenant-coordinator", "alert-network-coordinator"],
            timeline.Where(t => t.Kind == "escalated").Select(t => t.Step));
    }

    [Fact]
    public async Task Progress_on_day_30_moves_the_stall_to_day_75_and_a_shorter_setting_brings_it_forward()
    {
        using var root = host.Root();
        var progress = new SimulatedEventRequest(Start.AddDays(30), "ProgressReported", new JsonObject { ["commitmentId"] = "c-1" });

        using var withProgress = await root.PostAsJsonAsync("api/tenants/network/workflows/commitment-lifecycle:simulate",
            new SimulationRequest(Start, Start.AddDays(80), Inputs(), Events: [progress]));
        var timeline = (await withProgress.Content.ReadFromJsonAsync<SimulationResultResource>())!.Timeline;
        Assert.Equal(Start.AddDays(75), timeline.First(t => t.Kind == "stalled").At);

        using var shorter = await root.PostAsJsonAsync("api/tenants/network/workflows/commitment-lifecycle:simulate",
            new SimulationRequest(Start, Start.AddDays(40), Inputs(), new Dictionary<string, string> { ["stallAfter"] = "P20D" }));
        var faster = (await shorter.Content.ReadFromJsonAsync<SimulationResultResource>())!.Timeline;
        Assert.Equal(Start.AddDays(20), faster.First(t => t.Kind == "stalled").At);
    }

    [Fact]
    public async Task Validating_a_draft_names_a_dangling_transition_with_its_line()
    {
        using var root = host.Root();
        const string draft = "id: draft\nversion: 1\ntitle: Draft\nsteps:\n  - id: first\n    notify: owners\n    message: \"'hello'\"\n    then: nowhere\n";

        using var invalid = await root.PostAsync(new Uri("api/tenants/network/workflows:validate", UriKind.Relative), new StringContent(draft, Encoding.UTF8, "text/yaml"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        // One error shape: problem+json, the validation's fields as its extension members.
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType!.MediaType);
        var result = (await invalid.Content.ReadFromJsonAsync<WorkflowValidationResource>())!;
        var problem = Assert.Single(result.Problems, p => p.Code == "dangling-transition");
        Assert.Equal(8, problem.Line);

        var valid = draft.Replace("nowhere", "end", StringComparison.Ordinal);
        using var ok = await root.PostAsync(new Uri("api/tenants/network/workflows:validate", UriKind.Relative), new StringContent(valid, Encoding.UTF8, "text/yaml"));
        await Infrastructure.Api.EnsureStatusAsync(ok, HttpStatusCode.OK);
        Assert.True((await ok.Content.ReadFromJsonAsync<WorkflowValidationResource>())!.Valid);
    }

    [Theory]
    [InlineData("""{"start":"2017-02-01T00:00:00Z","until":"2017-01-01T00:00:00Z"}""", "until")]
    [InlineData("""{"start":"2017-01-01T00:00:00Z","until":"2030-01-01T00:00:00Z"}""", "until")]
    [InlineData("""{"start":"2017-01-01T00:00:00Z","until":"2017-03-01T00:00:00Z","events":[{"at":"2017-01-02T00:00:00Z","type":""}]}""", "events[0].type")]
    [InlineData("""{"start":"not a date","until":"2017-03-01T00:00:00Z"}""", "$.start")]
    [InlineData("""{"start":"2017-01-01T00:00:00Z","until":"2017-03-01T00:00:00Z","speed":2}""", "$.speed")]
    public async Task A_bad_simulation_request_is_400_naming_the_field(string body, string field)
    {
        using var root = host.Root();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var problem = await Infrastructure.Api.AssertProblemAsync(
            await root.PostAsync(new Uri("api/tenants/network/workflows/commitment-lifecycle:simulate", UriKind.Relative), content), HttpStatusCode.BadRequest);
        Assert.Equal([field], Infrastructure.Api.ErrorFields(problem));
    }

    [Fact]
    public async Task Workflow_endpoints_are_404_for_a_foreign_key()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var foreign = host.As(other.CoordinatorKey);
        var forum = scope.Forum.Id;

        await Infrastructure.Api.AssertProblemAsync(await foreign.GetAsync(new Uri($"api/tenants/{forum}/workflows", UriKind.Relative)), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(await foreign.GetAsync(new Uri($"api/tenants/{forum}/workflows/commitment-lifecycle", UriKind.Relative)), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(
            await foreign.PostAsJsonAsync($"api/tenants/{forum}/workflows/commitment-lifecycle:simulate", new SimulationRequest(Start, Start.AddDays(10), Inputs())),
            HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(
            await foreign.PostAsync(new Uri($"api/tenants/{forum}/workflows:validate", UriKind.Relative), new StringContent("id: x", Encoding.UTF8, "text/yaml")),
            HttpStatusCode.NotFound);
    }

    private static JsonObject Inputs() => new()
    {
        ["commitmentId"] = "c-1",
        ["tenantId"] = "tmp",
        ["dueAt"] = "2017-06-30T00:00:00Z",
        ["reviewAt"] = "2017-12-31T00:00:00Z",
    };
}
