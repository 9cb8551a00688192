using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Loading;
using Network.Workflows.Simulation;

namespace Network.Workflows.Tests.Standard;

/// <summary>The network's own workflows, as shipped in workflows/, simulated over a commitment's year.</summary>
public sealed class StandardWorkflowSimulationTests
{
    private static readonly DateTimeOffset Start = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static WorkflowDefinition Load(string id)
    {
        var result = WorkflowLoader.LoadFileAsync(Path.Combine(AppContext.BaseDirectory, "workflows", id + ".yaml")).GetAwaiter().GetResult();
        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        return result.Definition!;
    }

    private static JsonObject Commitment() => new()
    {
        ["commitmentId"] = "gfmd-2016-c-1-1",
        ["tenantId"] = "tmp",
        ["dueAt"] = "2017-06-30T00:00:00Z",
        ["reviewAt"] = "2017-12-31T00:00:00Z",
    };

    private static SimulatedEvent Progress(int day) =>
        new(Start.AddDays(day), "ProgressReported", new JsonObject { ["commitmentId"] = "gfmd-2016-c-1-1", ["status"] = "limited" });

    [Fact]
    public void With_no_progress_the_commitment_stalls_on_day_45_and_the_ladder_climbs_in_order()
    {
        var result = WorkflowSimulator.Run(Load("commitment-lifecycle"), Start, Start.AddDays(70), Commitment());

        var stall = result.Timeline.First(t => t.Kind == "stalled");
        Assert.Equal(Start.AddDays(45), stall.At);
        var ladder = result.Timeline.Where(t => t.Kind == "escalated").ToList();
        Assert.Equal(["remind-owners", "alert-tenant-coordinator", "alert-network-coordinator"], ladder.Select(t => t.Step));
        Assert.Equal([Start.AddDays(45), Start.AddDays(52), Start.AddDays(59)], ladder.Select(t => t.At));
        Assert.Contains(result.Timeline, t => t.Kind == "published" && t.Step == "announce-stall");
    }

    [Fact]
    public void Progress_on_day_30_means_no_stall_before_day_75()
    {
        var result = WorkflowSimulator.Run(Load("commitment-lifecycle"), Start, Start.AddDays(80), Commitment(), events: [Progress(30)]);

        var stall = result.Timeline.First(t => t.Kind == "stalled");
        Assert.Equal(Start.AddDays(75), stall.At);
        Assert.DoesNotContain(result.Timeline, t => t.Kind == "escalated" && t.At < Start.AddDays(75));
    }

    [Fact]
    public void Progress_after_a_stall_clears_it_and_stops_the_ladder()
    {
        var result = WorkflowSimulator.Run(Load("commitment-lifecycle"), Start, Start.AddDays(90), Commitment(), events: [Progress(48)]);

        Assert.Equal(["remind-owners"], result.Timeline.Where(t => t.Kind == "escalated" && t.At < Start.AddDays(93)).Select(t => t.Step));
        Assert.Contains(result.Timeline, t => t.Kind == "following" && t.At == Start.AddDays(48));
    }

    [Fact]
    public void Owners_are_asked_every_month_get_the_forum_task_and_the_year_closes_with_a_review()
    {
        var events = Enumerable.Range(1, 11).Select(month => Progress(month * 30))
            .Append(new SimulatedEvent(new DateTimeOffset(2017, 6, 10, 0, 0, 0, TimeSpan.Zero), "task:forum-progress-report", new JsonObject { ["summary"] = "launched" }))
            .Append(new SimulatedEvent(new DateTimeOffset(2018, 1, 5, 0, 0, 0, TimeSpan.Zero), "task:year-end-review", new JsonObject { ["status"] = "substantial" }));

        var result = WorkflowSimulator.Run(Load("commitment-lifecycle"), Start, Start.AddDays(400), Commitment(), events: events);

        Assert.True(result.Timeline.Count(t => t.Kind == "notification" && t.Step == "ask-the-owners") >= 11);
        var forumTask = result.Timeline.First(t => t.Kind == "task" && t.Step == "forum-progress-report");
        Assert.Equal(new DateTimeOffset(2017, 5, 31, 0, 0, 0, TimeSpan.Zero), forumTask.At);
        Assert.Contains(result.Timeline, t => t.Kind == "published" && t.Step == "publish-forum-report");
        Assert.Contains(result.Timeline, t => t.Kind == "task" && t.Step == "year-end-review" && t.At == new DateTimeOffset(2017, 12, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.Contains(result.Timeline, t => t.Kind == "published" && t.Step == "publish-final-status");
        Assert.DoesNotContain(result.Timeline, t => t.Kind == "stalled");
        Assert.Equal("Completed", result.State.Status.ToString());
    }

    [Fact]
    public void A_blocked_commitment_waits_for_the_un_campaign_structure_then_follows_its_lifecycle()
    {
        var inputs = Commitment();
        inputs["dependency"] = "structure of UN campaign";
        var children = new Dictionary<string, WorkflowDefinition> { ["commitment-lifecycle"] = Load("commitment-lifecycle") };
        var announcement = new SimulatedEvent(Start.AddDays(100), "CampaignStructureAnnounced",
            new JsonObject { ["dependency"] = "structure of UN campaign" });

        var result = WorkflowSimulator.Run(Load("dependency-wait"), Start, Start.AddDays(130), inputs, events: [announcement],
            options: SimulationOptions.Default with { Children = children });

        Assert.Equal([Start.AddDays(60)], result.Timeline.Where(t => t.Kind == "notification" && t.Step == "remind-the-coordinator").Select(t => t.At));
        Assert.Contains(result.Timeline, t => t.Kind == "published" && t.Step == "release" && t.At == Start.AddDays(100));
        Assert.Contains(result.Timeline, t => t.Kind == "call" && t.At == Start.AddDays(100));
    }

    [Fact]
    public void A_campaign_launch_escalates_a_readiness_check_left_undone()
    {
        var inputs = new JsonObject { ["campaignId"] = "solidarity", ["tenantId"] = "tmp", ["launchAt"] = "2017-03-21T00:00:00Z" };

        var result = WorkflowSimulator.Run(Load("campaign-launch"), Start, new DateTimeOffset(2017, 3, 22, 0, 0, 0, TimeSpan.Zero), inputs,
            events: [new SimulatedEvent(new DateTimeOffset(2017, 2, 22, 0, 0, 0, TimeSpan.Zero), "task:first-check", new JsonObject { ["ready"] = true })]);

        var ladder = result.Timeline.Where(t => t.Kind == "escalated").ToList();
        Assert.Equal(["escalate-to-campaign-coordinator", "escalate-to-network-coordinator"], ladder.Select(t => t.Step));
        Assert.True(result.Timeline.Any(t => t.Kind == "published" && t.Step == "announce-launch" && t.At == new DateTimeOffset(2017, 3, 21, 0, 0, 0, TimeSpan.Zero)),
            string.Join('\n', result.Timeline.Select(t => $"{t.At:yyyy-MM-dd} {t.Kind} {t.Step} {t.Detail}")));
    }
}
