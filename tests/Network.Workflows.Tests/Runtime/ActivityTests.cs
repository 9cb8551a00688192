using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Runtime;
using static Network.Workflows.Tests.Runtime.Wf;

namespace Network.Workflows.Tests.Runtime;

/// <summary>Every activity, on virtual time.</summary>
public class ActivityTests
{
    private static WorkflowInstanceState Start(WorkflowDefinition definition, string? inputs = null, DateTimeOffset? at = null) =>
        WorkflowInterpreter.Start(definition, inputs is null ? null : Json(inputs), null, at ?? T0, "i1");

    [Fact]
    public void Steps_without_then_run_in_file_order_and_the_instance_completes_after_the_last()
    {
        var state = Start(Define(Set("a", "x", "1"), Set("b", "y", "vars.x + 1"), Notify("c", "owners", "'y is ' + vars.y")));

        Assert.Equal(["a", "b", "c"], state.StepsRun());
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(T0, state.EndedAt);
        Assert.Equal("y is 2", state.Outbox.Single().Data!["message"]!.GetValue<string>());
        Assert.Equal(JournalKinds.Completed, state.Journal[^1].Kind);
    }

    [Fact]
    public void Then_jumps_and_end_ends_the_path()
    {
        var state = Start(Define(Set("a", "x", "1", then: "c"), Set("b", "never", "1"), Set("c", "y", "2", then: "end"), Set("d", "never", "1")));

        Assert.Equal(["a", "c"], state.StepsRun());
        Assert.Null(state.Variables["never"]);
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public void The_journal_says_why_each_step_ran_with_its_inputs_and_outcome()
    {
        var state = Start(Define(Set("a", "x", "1", then: "c"), End("b"), Notify("c", "owners", "'hello'")));
        var c = state.Journal.Single(e => e.Kind == JournalKinds.StepStarted && e.StepId == "c");

        Assert.Equal("after 'a'", c.Why);
        Assert.Equal("notify", c.Activity);
        Assert.Equal("to owners", c.Inputs);
        Assert.Equal("notified owners", c.Outcome);
        Assert.Equal(T0, c.At);
        Assert.Equal(Enumerable.Range(1, state.Journal.Count).Select(i => (long)i), state.Journal.Select(e => e.Seq));
    }

    [Fact]
    public void Do_runs_its_steps_in_order_then_goes_on()
    {
        var state = Start(Define(
            Do("prepare", ["remind", "count"], then: "done"),
            Notify("remind", "owners", "'please report'"),
            Set("count", "n", "1"),
            Set("done", "finished", "vars.n == 1")));

        Assert.Equal(["prepare", "remind", "count", "done"], state.StepsRun());
        Assert.Equal("true", state.Var("finished"));
    }

    [Fact]
    public void A_do_element_is_its_step_and_the_steps_it_leads_to()
    {
        var state = Start(Define(
            Do("prepare", ["first", "second"], then: "done"),
            Set("first", "a", "1", then: "first-more"),
            Set("first-more", "b", "2"),
            Set("second", "c", "3"),
            Set("unrelated", "never", "true"),
            Set("done", "d", "4")));

        Assert.Equal(["prepare", "first", "first-more", "second", "done"], state.StepsRun());
    }

    [Fact]
    public void A_container_without_then_does_not_fall_into_its_own_body()
    {
        var state = Start(Define(Do("prepare", ["a", "b"]), Set("a", "n", "1"), Set("b", "n", "vars.n + 1")));

        Assert.Equal(["prepare", "a", "b"], state.StepsRun());
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Theory]
    [InlineData(5, "big", "[\"check\",\"big\",\"after\"]")]
    [InlineData(1, "small", "[\"check\",\"small\",\"after\"]")]
    public void If_goes_to_then_or_else(int n, string expected, string steps)
    {
        var state = Start(Define(
            If("check", "input.n > 3", "big", "small"),
            Set("big", "size", "'big'", then: "after"),
            Set("small", "size", "'small'", then: "after"),
            Set("after", "done", "true")), $$"""{"n":{{n}}}""");

        Assert.Equal($"\"{expected}\"", state.Var("size"));
        Assert.Equal(steps, new JsonArray(state.StepsRun().Select(s => (JsonNode)s).ToArray()).ToJsonString());
    }

    [Fact]
    public void If_without_else_goes_on_when_false()
    {
        var state = Start(Define(If("check", "false", "skipped"), Set("on", "x", "1", then: "end"), Set("skipped", "y", "1")));

        Assert.Equal(["check", "on"], state.StepsRun());
    }

    [Theory]
    [InlineData("'limited'", "warn")]
    [InlineData("'complete'", "close")]
    [InlineData("'other'", "fallback")]
    public void Switch_takes_the_first_case_that_holds(string status, string expected)
    {
        var state = Start(Define(
            Switch("route", [("vars.status == 'limited' || vars.status == 'not started'", "warn"), ("vars.status == 'complete'", "close")],
                otherwise: "fallback"),
            Set("warn", "went", "'warn'", then: "end"),
            Set("close", "went", "'close'", then: "end"),
            Set("fallback", "went", "'fallback'", then: "end")).WithVariables(("status", status)));

        Assert.Equal($"\"{expected}\"", state.Var("went"));
    }

    [Fact]
    public void Switch_without_a_matching_case_or_default_goes_on()
    {
        var state = Start(Define(Switch("route", [("false", "x")]), Set("on", "went", "'on'", then: "end"), Set("x", "went", "'x'")));

        Assert.Equal("\"on\"", state.Var("went"));
    }

    [Fact]
    public void Parallel_join_all_waits_for_every_branch()
    {
        var definition = Define(
            Parallel("both", ["get-a", "get-b"], JoinRule.All, then: "done"),
            WaitFor("get-a", "A", "event.id == input.id"),
            WaitFor("get-b", "B", "event.id == input.id"),
            Set("done", "joined", "true"));
        var state = Start(definition, """{"id":"x"}""");

        Assert.Equal(WorkflowStatus.Waiting, state.Status);
        Assert.Equal(3, state.Paths.Count);
        state = WorkflowInterpreter.Resume(definition, state, new EventReceived("A", Json("""{"id":"x"}""")), Day(1));
        Assert.Null(state.Variables["joined"]);
        Assert.Equal(2, state.Paths.Count);
        state = WorkflowInterpreter.Resume(definition, state, new EventReceived("B", Json("""{"id":"x"}""")), Day(2));

        Assert.Equal("true", state.Var("joined"));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal(Day(2), state.EndedAt);
    }

    [Fact]
    public void Parallel_join_any_goes_on_with_the_first_branch_and_cancels_the_rest()
    {
        var definition = Define(
            Parallel("race", ["reported", "deadline", "review"], JoinRule.Any, then: "done"),
            WaitFor("reported", "ProgressReported", "event.id == input.id"),
            After("deadline", "P10D"),
            Task("review", "tenant-coordinator", "'Review'"),
            Set("done", "joined", "true"));
        var state = Start(definition, """{"id":"x"}""");
        Assert.Single(state.OpenTasks);

        state = WorkflowInterpreter.Resume(definition, state, new EventReceived("ProgressReported", Json("""{"id":"x"}""")), Day(3));

        Assert.Equal("true", state.Var("joined"));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Empty(state.OpenTasks);
        Assert.Equal(HumanTaskStatus.Cancelled, state.Tasks.Single().Status);
        Assert.Equal(2, state.Entries(JournalKinds.PathCancelled).Count);
        Assert.Null(WorkflowInterpreter.NextDueAt(state));
    }

    [Fact]
    public void Parallel_join_two_of_three_goes_on_when_two_branches_ended()
    {
        var definition = Define(
            Parallel("quorum", ["a", "b", "c"], new JoinRule(JoinKind.NOfM, 2), then: "done"),
            After("a", "P1D"),
            After("b", "P2D"),
            After("c", "P3D"),
            Set("done", "at", "now"));
        var state = Start(definition);

        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), Day(1));
        Assert.Null(state.Variables["at"]);
        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), Day(2));

        Assert.Equal("\"2017-01-03T00:00:00.000Z\"", state.Var("at"));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Single(state.Entries(JournalKinds.PathCancelled));
    }

    [Fact]
    public void A_branch_runs_on_in_file_order_until_the_next_branch_or_the_parallels_next_step()
    {
        var definition = Define(
            Parallel("both", ["a", "b"], JoinRule.All, then: "done"),
            Set("a", "a1", "1"),
            Set("a-more", "a2", "2"),
            Set("b", "b1", "1"),
            Set("b-more", "b2", "2"),
            Set("done", "ok", "vars.a2 + vars.b2"));

        var state = Start(definition);

        Assert.Equal(["both", "a", "a-more", "b", "b-more", "done"], state.StepsRun());
        Assert.Equal("4", state.Var("ok"));
    }

    [Fact]
    public void Wait_for_ignores_an_event_that_does_not_correlate_and_takes_one_that_does()
    {
        var definition = Define(
            WaitFor("follow-up", "ProgressReported", "event.commitmentId == input.commitmentId", result: "progress"),
            Set("after", "level", "event.level"));
        var state = Start(definition, """{"commitmentId":"c1"}""");

        var other = WorkflowInterpreter.Resume(definition, state, new EventReceived("ProgressReported", Json("""{"commitmentId":"c2","level":"complete"}"""), "e1"), Day(1));
        Assert.Same(state, other);
        var otherName = WorkflowInterpreter.Resume(definition, state, new EventReceived("CommitmentRecorded", Json("""{"commitmentId":"c1"}"""), "e2"), Day(1));
        Assert.Same(state, otherName);

        var resumed = WorkflowInterpreter.Resume(definition, state, new EventReceived("ProgressReported", Json("""{"commitmentId":"c1","level":"substantial"}"""), "e3"), Day(2));

        Assert.Equal("\"substantial\"", resumed.Var("level"));
        Assert.Equal("""{"commitmentId":"c1","level":"substantial"}""", resumed.Var("progress"));
        Assert.Equal(WorkflowStatus.Completed, resumed.Status);
        Assert.Single(resumed.Entries(JournalKinds.EventReceived));
    }

    [Fact]
    public void Bookmarks_carry_the_evaluated_correlation_for_the_index()
    {
        var definition = Define(WaitFor("follow-up", "ProgressReported", "event.commitmentId == input.commitmentId && event.level != 'none'", "P45D", "end"));
        var state = Start(definition, """{"commitmentId":"c1"}""");

        var bookmark = Assert.Single(WorkflowInterpreter.Bookmarks(state));

        Assert.Equal("ProgressReported", bookmark.Event);
        Assert.Equal(new Dictionary<string, string> { ["commitmentId"] = "c1" }, bookmark.Correlation);
        Assert.Equal(Day(45), bookmark.TimeoutAt);
        Assert.True(bookmark.MayMatch("ProgressReported", Json("""{"commitmentId":"c1"}""")));
        Assert.False(bookmark.MayMatch("ProgressReported", Json("""{"commitmentId":"c2"}""")));
        Assert.Equal(Day(45), WorkflowInterpreter.NextDueAt(state));
    }

    [Fact]
    public void Wait_for_takes_its_timeout_branch_when_nothing_comes_in_time()
    {
        var definition = Define(
            WaitFor("follow-up", "ProgressReported", "event.id == input.id", "settings.stallAfter", "stalled", then: "end"),
            Escalate("stalled", "owners", 1, "'No progress since ' + input.id"));
        var state = WorkflowInterpreter.Start(definition.WithSettings(("stallAfter", "P45D")), Json("""{"id":"c1"}"""), null, T0, "i1");
        definition = definition.WithSettings(("stallAfter", "P45D"));

        Assert.Same(state, WorkflowInterpreter.Resume(definition, state, new TimersDue(), Day(44)));
        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), Day(45));

        var timedOut = Assert.Single(state.Entries(JournalKinds.TimedOut));
        Assert.Equal("follow-up", timedOut.StepId);
        var escalation = Assert.Single(state.Outbox, m => m.Kind == OutboxKinds.Escalation);
        Assert.Equal("owners", escalation.To);
        Assert.Equal(1, escalation.Data!["level"]!.GetValue<int>());
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public void Timers_wait_a_duration_until_a_moment_or_for_a_cron_occurrence()
    {
        var definition = Define(
            After("pause", "P1M"),
            Until("before-forum", "new Date(Date.parse(input.dueAt) - 14 * 86400000)"),
            Cron("monthly", "0 9 1 * *"),
            Set("done", "at", "now"));
        var state = Start(definition, """{"dueAt":"2017-06-30T00:00:00Z"}""", new DateTimeOffset(2017, 1, 31, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2017, 2, 28, 0, 0, 0, TimeSpan.Zero), WorkflowInterpreter.NextDueAt(state));
        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), WorkflowInterpreter.NextDueAt(state)!.Value);
        Assert.Equal(new DateTimeOffset(2017, 6, 16, 0, 0, 0, TimeSpan.Zero), WorkflowInterpreter.NextDueAt(state));
        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), WorkflowInterpreter.NextDueAt(state)!.Value);
        Assert.Equal(new DateTimeOffset(2017, 7, 1, 9, 0, 0, TimeSpan.Zero), WorkflowInterpreter.NextDueAt(state));
        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), WorkflowInterpreter.NextDueAt(state)!.Value);

        Assert.Equal("\"2017-07-01T09:00:00.000Z\"", state.Var("at"));
        Assert.Equal(3, state.Entries(JournalKinds.TimerFired).Count);
    }

    [Fact]
    public void A_timer_until_a_moment_already_past_goes_on_at_once()
    {
        var state = Start(Define(Until("late", "'2016-12-01'"), Set("done", "x", "1")));

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Single(state.Entries(JournalKinds.TimerFired));
    }

    [Fact]
    public void Set_publish_notify_and_escalate_leave_their_effects_in_the_outbox_until_acknowledged()
    {
        var definition = Define(
            Set("mark", "status", "'stalled'"),
            Publish("tell", "CommitmentStalled", ("commitmentId", "input.id"), ("since", "now")),
            Notify("remind", "owners", "'Please report on ' + input.id"),
            Escalate("raise", "tenant-coordinator", 2));
        var state = Start(definition, """{"id":"c1"}""");

        Assert.Equal(["event", "notification", "escalation"], state.Outbox.Select(m => m.Kind));
        var published = state.Outbox[0];
        Assert.Equal("CommitmentStalled", published.Name);
        Assert.Equal("""{"commitmentId":"c1","since":"2017-01-01T00:00:00.000Z"}""", published.Data!.ToJsonString());
        Assert.StartsWith("i1/", published.Id, StringComparison.Ordinal);
        Assert.Equal(3, state.Outbox.Select(m => m.Id).Distinct().Count());
        Assert.Equal("stalled", Assert.Single(state.Entries(JournalKinds.StatusChanged)).Outcome);
        Assert.Single(state.Entries(JournalKinds.Published));
        Assert.Single(state.Entries(JournalKinds.Notified));
        Assert.Single(state.Entries(JournalKinds.Escalated));

        var acknowledged = WorkflowInterpreter.Acknowledge(state, [published.Id]);

        Assert.Equal(2, acknowledged.Outbox.Count);
        Assert.Equal(3, state.Outbox.Count);
    }

    [Fact]
    public void A_task_stays_open_until_completed_with_a_result()
    {
        var definition = Define(
            Task("report", "owners", "'Progress report for ' + input.id", due: "input.dueAt", result: "report"),
            Set("level", "level", "vars.report.level"));
        var state = Start(definition, """{"id":"c1","dueAt":"2017-06-30T00:00:00Z"}""");
        var task = Assert.Single(state.OpenTasks);
        Assert.Equal("owners", task.AssignedTo);
        Assert.Equal("Progress report for c1", task.Title);
        Assert.Equal(new DateTimeOffset(2017, 6, 30, 0, 0, 0, TimeSpan.Zero), task.DueAt);
        Assert.Single(state.Outbox, m => m.Kind == OutboxKinds.Task);

        Assert.Same(state, WorkflowInterpreter.Resume(definition, state, new TaskCompleted("no-such-task", null), Day(1)));
        var done = WorkflowInterpreter.Resume(definition, state, new TaskCompleted(task.Id, Json("""{"level":"substantial"}""")), Day(20));

        Assert.Equal("\"substantial\"", done.Var("level"));
        Assert.Equal(HumanTaskStatus.Completed, done.Tasks.Single().Status);
        Assert.Equal(Day(20), done.Tasks.Single().ClosedAt);
        Assert.Same(done, WorkflowInterpreter.Resume(definition, done, new TaskCompleted(task.Id, null), Day(21)));
    }

    [Fact]
    public void Call_asks_the_host_for_a_child_and_waits_for_its_end()
    {
        var definition = Define(
            Call("hold", "dependency-wait", [("commitmentId", "input.id")], result: "outcome"),
            Set("after", "released", "vars.outcome.released"));
        var state = Start(definition, """{"id":"c1"}""");
        var call = Assert.Single(state.Outbox, m => m.Kind == OutboxKinds.Call);
        Assert.Equal("dependency-wait", call.Name);
        Assert.Equal("""{"commitmentId":"c1"}""", call.Data!.ToJsonString());
        Assert.Equal(WaitKind.Child, state.Paths.Single().Wait!.Kind);

        var done = WorkflowInterpreter.Resume(definition, state, new ChildCompleted(call.CallId!, Json("""{"released":true}""")), Day(9));

        Assert.Equal("true", done.Var("released"));
        Assert.Equal(WorkflowStatus.Completed, done.Status);
        Assert.Same(done, WorkflowInterpreter.Resume(definition, done, new ChildCompleted(call.CallId!, null), Day(10)));
    }

    [Fact]
    public void A_failed_child_makes_the_call_an_incident()
    {
        var definition = Define(Call("hold", "dependency-wait", []), Set("after", "x", "1"));
        var state = Start(definition);

        state = WorkflowInterpreter.Resume(definition, state, new ChildCompleted(state.Outbox.Single().CallId!, null, "boom"), Day(1));

        Assert.Equal(WorkflowStatus.Incident, state.Status);
        Assert.Contains("boom", state.OpenIncidents.Single().Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Loop_runs_its_body_while_the_condition_holds()
    {
        var state = Start(Define(
            Set("init", "n", "0"),
            Loop("count", "add", "vars.n < 3", 10, then: "done"),
            Set("add", "n", "vars.n + 1"),
            Set("done", "final", "vars.n")));

        Assert.Equal("3", state.Var("final"));
        Assert.Empty(state.Entries(JournalKinds.LoopLimit));
    }

    [Fact]
    public void Loop_leaves_when_its_max_is_reached()
    {
        var state = Start(Define(
            Set("init", "n", "0"),
            Loop("count", "add", "true", 4, then: "done"),
            Set("add", "n", "vars.n + 1"),
            Set("done", "final", "vars.n")));

        Assert.Equal("4", state.Var("final"));
        Assert.Single(state.Entries(JournalKinds.LoopLimit));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public void A_body_that_leads_back_to_its_loop_ends_its_turn()
    {
        var state = Start(Define(
            Set("init", "n", "0"),
            Loop("count", "add", null, 5, then: "done"),
            Set("add", "n", "vars.n + 1", then: "count"),
            Set("done", "final", "vars.n")));

        Assert.Equal("5", state.Var("final"));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public void A_loop_body_can_wait()
    {
        var definition = Define(
            Loop("monthly", "check-in", null, 3, then: "done"),
            Do("check-in", ["wait-month", "remind"]),
            After("wait-month", "P1M"),
            Notify("remind", "owners", "'Monthly check-in: ' + now.substring(0, 10)"),
            Set("done", "finished", "true"));
        var state = Start(definition);

        for (var i = 0; i < 3; i++)
        {
            state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), WorkflowInterpreter.NextDueAt(state)!.Value);
        }

        Assert.Equal(
            ["Monthly check-in: 2017-02-01", "Monthly check-in: 2017-03-01", "Monthly check-in: 2017-04-01"],
            state.Outbox.Select(m => m.Data!["message"]!.GetValue<string>()));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public void End_in_a_branch_ends_only_that_branch()
    {
        var definition = Define(
            Parallel("both", ["short", "long"], JoinRule.All, then: "done"),
            End("short"),
            After("long", "P1D"),
            Set("done", "x", "1"));
        var state = Start(definition);
        Assert.Equal(WorkflowStatus.Waiting, state.Status);

        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), Day(1));

        Assert.Equal("1", state.Var("x"));
    }

    [Fact]
    public void Fail_fails_the_instance_with_its_reason()
    {
        var definition = Define(
            Parallel("both", ["bad", "waits"], JoinRule.All),
            Fail("bad", "'withdrawn by ' + input.who"),
            Task("waits", "owners", "'never done'"));
        var state = Start(definition, """{"who":"owner"}""");

        Assert.Equal(WorkflowStatus.Failed, state.Status);
        Assert.Equal("withdrawn by owner", state.Reason);
        Assert.Empty(state.Paths);
        Assert.Empty(state.OpenTasks);
        Assert.Null(WorkflowInterpreter.NextDueAt(state));
        Assert.Same(state, WorkflowInterpreter.Resume(definition, state, new TimersDue(), Day(1)));
    }

    [Fact]
    public void Cancel_stops_every_path_and_closes_tasks()
    {
        var definition = Define(Parallel("both", ["a", "b"], JoinRule.All), Task("a", "owners", "'t'"), WaitFor("b", "X", "true", "P1D", "end"));
        var state = Start(definition);

        state = WorkflowInterpreter.Resume(definition, state, new CancelInstance("withdrawn"), Day(0.5));

        Assert.Equal(WorkflowStatus.Cancelled, state.Status);
        Assert.Equal("withdrawn", state.Reason);
        Assert.Empty(state.OpenTasks);
        Assert.Empty(WorkflowInterpreter.Bookmarks(state));
        Assert.Null(WorkflowInterpreter.NextDueAt(state));
    }

    [Fact]
    public void Variables_start_from_their_expressions_and_settings_take_overrides()
    {
        var definition = Define(Set("a", "copy", "settings.stallAfter + '/' + vars.stalls")).WithVariables(("stalls", "0")).WithSettings(("stallAfter", "P45D"));

        var state = WorkflowInterpreter.Start(definition, null, new Dictionary<string, string> { ["stallAfter"] = "P30D" }, T0);

        Assert.Equal("\"P30D/0\"", state.Var("copy"));
        Assert.Equal("P30D", state.Settings["stallAfter"]);
    }
}
