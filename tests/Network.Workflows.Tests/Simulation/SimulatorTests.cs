using Network.Workflows.Definitions;
using Network.Workflows.Runtime;
using Network.Workflows.Simulation;
using Network.Workflows.Tests.Runtime;
using static Network.Workflows.Tests.Runtime.Wf;

namespace Network.Workflows.Tests.Simulation;

public class SimulatorTests
{
    private const string SameCommitment = "event.commitmentId == input.commitmentId";

    /// <summary>
    /// The shape of commitment-lifecycle: monthly check-ins beside a follow-up that waits for progress; no progress
    /// for stallAfter marks the commitment stalled and climbs a ladder (owners, then the tenant's coordinator after
    /// P7D, then the network's coordinator after P7D); progress at any point clears the stall.
    /// </summary>
    private static readonly WorkflowDefinition Lifecycle = Define("commitment-lifecycle",
        Parallel("watch", ["check-ins", "follow-up"], JoinRule.Any, then: "close"),
        Loop("check-ins", "check-in", null, 12),
        Do("check-in", ["wait-month", "remind"]),
        Cron("wait-month", "0 9 1 * *"),
        Notify("remind", "owners", "'Monthly check-in on ' + input.commitmentId"),
        WaitFor("follow-up", "ProgressReported", SameCommitment, "settings.stallAfter", "stalled", result: "progress", then: "follow-up"),
        Set("stalled", "status", "'stalled'"),
        Escalate("remind-owners", "owners", 1, "'No progress on ' + input.commitmentId + ' for ' + settings.stallAfter"),
        WaitFor("wait-owners", "ProgressReported", SameCommitment, "P7D", "to-tenant", then: "recovered"),
        Escalate("to-tenant", "tenant-coordinator", 2),
        WaitFor("wait-tenant", "ProgressReported", SameCommitment, "P7D", "to-network", then: "recovered"),
        Escalate("to-network", "network-coordinator", 3),
        WaitFor("wait-network", "ProgressReported", SameCommitment, then: "recovered"),
        Set("recovered", "status", "'active'", then: "follow-up"),
        Notify("close", "tenant-coordinator", "'Year over for ' + input.commitmentId"))
        .WithInputs("commitmentId")
        .WithSettings(("stallAfter", "P45D"))
        .WithVariables(("status", "'active'"));

    private static readonly DateTimeOffset Year = Day(365);

    private static SimulationResult Simulate(params SimulatedEvent[] events) =>
        WorkflowSimulator.Run(Lifecycle, T0, Year, Json("""{"commitmentId":"c1"}"""), events: events);

    private static SimulatedEvent Progress(double day) => new(Day(day), "ProgressReported", Json("""{"commitmentId":"c1","level":"limited"}"""));

    [Fact]
    public void With_no_progress_the_commitment_stalls_at_day_45_then_climbs_the_ladder_in_order()
    {
        var timeline = Simulate().Timeline;

        var stall = timeline.First(e => e.Kind == "stalled");
        Assert.Equal(Day(45), stall.At);
        Assert.Equal("stalled", stall.Step);
        var ladder = timeline.Where(e => e.Kind == "escalated").Take(3).ToList();
        Assert.Equal([Day(45), Day(52), Day(59)], ladder.Select(e => e.At));
        Assert.Equal(["remind-owners", "to-tenant", "to-network"], ladder.Select(e => e.Step));
        Assert.Contains("level 1 to owners: No progress on c1 for P45D", ladder[0].Detail, StringComparison.Ordinal);
        Assert.Contains("to tenant-coordinator", ladder[1].Detail, StringComparison.Ordinal);
        Assert.Contains("to network-coordinator", ladder[2].Detail, StringComparison.Ordinal);
        Assert.Equal(Day(45), timeline.First(e => e.Kind == "timeout").At);
        // The ladder stops at its top: nothing more is escalated while no progress comes.
        Assert.Equal(3, timeline.Count(e => e.Kind == "escalated"));
    }

    [Fact]
    public void With_progress_on_day_30_there_is_no_stall_before_day_75()
    {
        var timeline = Simulate(Progress(30)).Timeline;

        Assert.DoesNotContain(timeline, e => e.Kind is "stalled" or "escalated" && e.At < Day(75));
        Assert.Equal(Day(75), timeline.First(e => e.Kind == "stalled").At);
        var received = timeline.Single(e => e.Kind == "event");
        Assert.Equal(Day(30), received.At);
        Assert.Equal("follow-up", received.Step);
    }

    [Fact]
    public void Progress_during_the_ladder_clears_the_stall()
    {
        var result = Simulate(Progress(50));
        var timeline = result.Timeline;

        Assert.Equal([Day(45)], timeline.Where(e => e.Kind == "escalated" && e.At < Day(90)).Select(e => e.At));
        Assert.Equal(Day(50), timeline.Single(e => e.Kind == "active").At);
        // The clock starts again from the progress: the next stall is 45 days after it.
        Assert.Equal([Day(45), Day(95)], timeline.Where(e => e.Kind == "stalled").Select(e => e.At).Take(2));
    }

    [Fact]
    public void The_monthly_check_ins_run_beside_the_follow_up()
    {
        var result = Simulate(Progress(30), Progress(60), Progress(90));
        var notifications = result.Timeline.Where(e => e.Kind == "notification").ToList();

        Assert.Equal(13, notifications.Count);
        Assert.Equal(
            Enumerable.Range(0, 12).Select(m => new DateTimeOffset(2017, 1, 1, 9, 0, 0, TimeSpan.Zero).AddMonths(m)),
            notifications.Take(12).Select(e => e.At));
        Assert.All(notifications.Take(12), n => Assert.Equal("remind", n.Step));
        // After the twelfth check-in the watch is over: the follow-up is cancelled, and the year is closed.
        Assert.Equal("close", notifications[^1].Step);
        Assert.Equal(WorkflowStatus.Completed, result.State.Status);
        Assert.Contains(result.Timeline, e => e.Kind == "cancelled" && e.Step == "wait-network" && e.At == new DateTimeOffset(2017, 12, 1, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_timeline_names_steps_waits_timers_events_timeouts_and_escalations()
    {
        var kinds = Simulate(Progress(30)).Timeline.Select(e => e.Kind).ToHashSet();

        Assert.Superset(new HashSet<string> { "started", "step", "waiting", "timer", "event", "timeout", "notification", "escalated", "stalled" }, kinds);
    }

    [Fact]
    public void A_year_of_daily_check_ins_simulates_every_day()
    {
        var definition = Define("daily-check-in",
            Loop("daily", "day", null, 1000, then: "end"),
            Do("day", ["wait-day", "check-in"]),
            Cron("wait-day", "0 9 * * *"),
            Notify("check-in", "owners", "'Daily check-in ' + now.substring(0, 10)"));

        var result = WorkflowSimulator.Run(definition, T0, new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var notifications = result.Timeline.Where(e => e.Kind == "notification").ToList();

        Assert.Equal(365, notifications.Count);
        Assert.Equal(new DateTimeOffset(2017, 1, 1, 9, 0, 0, TimeSpan.Zero), notifications[0].At);
        Assert.Equal(new DateTimeOffset(2017, 12, 31, 9, 0, 0, TimeSpan.Zero), notifications[^1].At);
        Assert.Equal(365, notifications.Select(n => n.At.Date).Distinct().Count());
        Assert.EndsWith("Daily check-in 2017-12-31", notifications[^1].Detail, StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Waiting, result.State.Status);
        Assert.Empty(result.State.Outbox);
    }

    [Fact]
    public void A_call_runs_the_child_definition_inline_when_it_is_given()
    {
        var child = Define("dependency-wait",
            Set("block", "status", "'blocked'"),
            WaitFor("hold", "DependencyResolved", "event.dependency == input.dependency"),
            Set("release", "status", "'active'"));
        var parent = Define("parent",
            Call("hold", "dependency-wait", [("dependency", "'un-campaign-structure'")], result: "outcome"),
            Notify("back", "owners", "'back to the lifecycle: ' + vars.outcome.status"));

        var result = WorkflowSimulator.Run(parent, T0, Day(60),
            events: [new SimulatedEvent(Day(10), "DependencyResolved", Json("""{"dependency":"un-campaign-structure"}"""))],
            options: new SimulationOptions { Children = new Dictionary<string, WorkflowDefinition> { ["dependency-wait"] = child } });

        var blocked = result.Timeline.Single(e => e.Kind == "blocked");
        Assert.Equal("dependency-wait/block", blocked.Step);
        Assert.Equal(T0, blocked.At);
        var back = result.Timeline.Single(e => e.Kind == "notification");
        Assert.Equal(Day(10), back.At);
        Assert.EndsWith("back to the lifecycle: active", back.Detail, StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Completed, result.State.Status);
        Assert.Equal(WorkflowStatus.Completed, Assert.Single(result.Children).Status);
    }

    [Fact]
    public void A_call_to_a_workflow_that_is_not_given_completes_at_once_and_says_so()
    {
        var parent = Define("parent", Call("hold", "dependency-wait", []), Set("after", "x", "1"));

        var result = WorkflowSimulator.Run(parent, T0, Day(1));

        Assert.Contains(result.Timeline, e => e.Kind == "call" && e.Detail.Contains("not part of the simulation", StringComparison.Ordinal));
        Assert.Equal(WorkflowStatus.Completed, result.State.Status);
    }

    [Fact]
    public void A_scripted_task_completion_completes_the_open_task_of_its_step()
    {
        var definition = Define(
            Task("report", "owners", "'Progress report'", due: "'P14D'", result: "report"),
            Set("level", "level", "vars.report.level"));

        var result = WorkflowSimulator.Run(definition, T0, Day(30),
            events: [new SimulatedEvent(Day(5), "task:report", Json("""{"level":"complete"}"""))]);

        Assert.Equal("\"complete\"", result.State.Var("level"));
        Assert.Equal([T0, Day(5)], result.Timeline.Where(e => e.Kind == "task").Select(e => e.At));
    }

    [Fact]
    public void An_event_before_its_wait_is_kept_and_taken_later()
    {
        var definition = Define(
            After("settle", "P7D"),
            WaitFor("follow-up", "ProgressReported", SameCommitment, "P1D", "missed", result: "progress", then: "end"),
            Set("missed", "missed", "true"));

        var result = WorkflowSimulator.Run(definition, T0, Day(30), Json("""{"commitmentId":"c1"}"""), events: [Progress(2)]);

        Assert.Null(result.State.Variables["missed"]);
        Assert.NotNull(result.State.Variables["progress"]);
        Assert.Equal([Day(2), Day(7)], result.Timeline.Where(e => e.Kind == "event").Select(e => e.At));
    }

    [Fact]
    public void The_simulation_stops_at_until_with_the_instance_still_waiting()
    {
        var result = WorkflowSimulator.Run(Lifecycle, T0, Day(40), Json("""{"commitmentId":"c1"}"""));

        Assert.Equal(WorkflowStatus.Waiting, result.State.Status);
        Assert.All(result.Timeline, e => Assert.True(e.At <= Day(40)));
        Assert.DoesNotContain(result.Timeline, e => e.Kind == "stalled");
    }
}
