using System.Text.Json;
using Network.Workflows.Definitions;
using Network.Workflows.Runtime;
using static Network.Workflows.Tests.Runtime.Wf;

namespace Network.Workflows.Tests.Runtime;

/// <summary>Idempotency, early events, retries and incidents, and a state that survives being written and read back.</summary>
public class DurabilityTests
{
    // Counts ProgressReported events for c1, forever.
    private static readonly WorkflowDefinition Counter = Define(
        Set("init", "count", "0"),
        WaitFor("follow-up", "ProgressReported", "event.commitmentId == input.commitmentId"),
        Set("count", "count", "vars.count + 1", then: "follow-up"));

    private static WorkflowInstanceState StartCounter() => WorkflowInterpreter.Start(Counter, Json("""{"commitmentId":"c1"}"""), null, T0, "i1");

    [Fact]
    public void An_event_delivered_twice_is_applied_once()
    {
        var state = StartCounter();
        var progress = new EventReceived("ProgressReported", Json("""{"commitmentId":"c1"}"""), "msg-1");

        state = WorkflowInterpreter.Resume(Counter, state, progress, Day(1));
        var again = WorkflowInterpreter.Resume(Counter, state, progress, Day(1));
        Assert.Same(state, again);
        state = WorkflowInterpreter.Resume(Counter, again, progress with { EventId = "msg-2" }, Day(2));

        Assert.Equal("2", state.Var("count"));
        Assert.Equal(["msg-1", "msg-2"], state.AppliedEventIds);
    }

    [Fact]
    public void A_timer_delivered_twice_fires_once_for_its_wait()
    {
        var definition = Define(
            Set("init", "fired", "0"),
            After("tick", "P1D"),
            Set("count", "fired", "vars.fired + 1", then: "tick"));
        var state = WorkflowInterpreter.Start(definition, null, null, T0);
        var first = WorkflowInterpreter.Timers(state).Single();

        Assert.Same(state, WorkflowInterpreter.Resume(definition, state, new TimerDue(first.WaitId), Day(0.5)));
        state = WorkflowInterpreter.Resume(definition, state, new TimerDue(first.WaitId), Day(1));
        var second = WorkflowInterpreter.Timers(state).Single();
        var duplicate = WorkflowInterpreter.Resume(definition, state, new TimerDue(first.WaitId), Day(2));

        Assert.Same(state, duplicate);
        Assert.Equal("1", state.Var("fired"));
        Assert.NotEqual(first.WaitId, second.WaitId);
        Assert.Equal(Day(2), second.DueAt);
    }

    [Fact]
    public void An_event_before_its_wait_is_kept_and_taken_when_the_wait_is_created()
    {
        var definition = Define(
            After("settle", "P7D"),
            WaitFor("follow-up", "ProgressReported", "event.commitmentId == input.commitmentId", result: "progress"),
            Set("done", "level", "vars.progress.level"));
        var state = WorkflowInterpreter.Start(definition, Json("""{"commitmentId":"c1"}"""), null, T0, "i1");

        var other = new EventReceived("ProgressReported", Json("""{"commitmentId":"c2","level":"limited"}"""), "e0", Day(30));
        state = WorkflowInterpreter.Resume(definition, state, other, Day(1));
        var early = new EventReceived("ProgressReported", Json("""{"commitmentId":"c1","level":"substantial"}"""), "e1", Day(30));
        state = WorkflowInterpreter.Resume(definition, state, early, Day(2));
        Assert.Equal(2, state.PendingEvents.Count);
        Assert.Same(state, WorkflowInterpreter.Resume(definition, state, early, Day(3)));

        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), Day(7));

        Assert.Equal("\"substantial\"", state.Var("level"));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Contains("kept since 2017-01-03", state.Entries(JournalKinds.EventReceived).Single().Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kept_event_expires_at_its_stated_moment()
    {
        var definition = Define(
            After("settle", "P7D"),
            WaitFor("follow-up", "ProgressReported", "event.commitmentId == input.commitmentId", "P1D", "gave-up"),
            Set("done", "took", "true", then: "end"),
            Set("gave-up", "took", "false"));
        var state = WorkflowInterpreter.Start(definition, Json("""{"commitmentId":"c1"}"""), null, T0);

        state = WorkflowInterpreter.Resume(definition, state, new EventReceived("ProgressReported", Json("""{"commitmentId":"c1"}"""), "e1", Day(5)), Day(1));
        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), Day(7));
        Assert.Single(state.Entries(JournalKinds.EventExpired));
        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), Day(8));

        Assert.Equal("false", state.Var("took"));
    }

    [Fact]
    public void Events_the_host_kept_before_the_instance_existed_are_handed_over_at_the_start()
    {
        var definition = Define(
            WaitFor("follow-up", "ProgressReported", "event.commitmentId == input.commitmentId", result: "progress"),
            Set("done", "level", "vars.progress.level"));

        var state = WorkflowInterpreter.Start(definition, Json("""{"commitmentId":"c1"}"""), null, Day(1), "i1",
            [new EventReceived("ProgressReported", Json("""{"commitmentId":"c1","level":"complete"}"""), "e1", Day(30))]);

        Assert.Equal("\"complete\"", state.Var("level"));
        Assert.Empty(state.PendingEvents);
    }

    [Fact]
    public void A_failing_step_retries_with_backoff_then_becomes_an_incident()
    {
        var definition = Define(
            Notify("remind", "owners", "input.owner.name", retry: new RetryPolicy(3, TimeSpan.FromMinutes(1), 2)),
            Set("after", "x", "1"));
        var state = WorkflowInterpreter.Start(definition, Json("{}"), null, T0);

        Assert.Equal(WorkflowStatus.Waiting, state.Status);
        Assert.Equal(T0.AddMinutes(1), WorkflowInterpreter.NextDueAt(state));
        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), T0.AddMinutes(1));
        Assert.Equal(T0.AddMinutes(3), WorkflowInterpreter.NextDueAt(state));
        state = WorkflowInterpreter.Resume(definition, state, new TimersDue(), T0.AddMinutes(3));

        Assert.Equal(WorkflowStatus.Incident, state.Status);
        var incident = state.OpenIncidents.Single();
        Assert.Equal("remind", incident.StepId);
        Assert.Equal(3, incident.Attempts);
        Assert.Contains("input.owner.name", incident.Error, StringComparison.Ordinal);
        Assert.Equal(2, state.Entries(JournalKinds.RetryScheduled).Count);
        Assert.Single(state.Entries(JournalKinds.Incident));
        Assert.Null(WorkflowInterpreter.NextDueAt(state));
        Assert.Empty(state.Outbox);
    }

    [Fact]
    public void An_operator_retries_an_incident_and_the_step_runs_again()
    {
        // The step fails before day 2 (say, a partner's data was missing) and works after.
        var definition = Define(
            Set("compute", "x", "new Date(now) < new Date('2017-01-03') ? input.missing.field : 42"),
            Set("after", "y", "vars.x + 1"));
        var state = WorkflowInterpreter.Start(definition, null, null, T0);
        Assert.Equal(WorkflowStatus.Incident, state.Status);

        var early = WorkflowInterpreter.Resume(definition, state, new RetryIncident(), Day(1));
        Assert.Equal(WorkflowStatus.Incident, early.Status);
        Assert.Equal(2, early.Incidents.Count);
        state = WorkflowInterpreter.Resume(definition, early, new RetryIncident(early.OpenIncidents.Single().Id), Day(3));

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Equal("43", state.Var("y"));
        Assert.All(state.Incidents, i => Assert.Equal("retried", i.Resolution));
        Assert.Same(state, WorkflowInterpreter.Resume(definition, state, new RetryIncident(), Day(4)));
    }

    [Fact]
    public void An_operator_skips_an_incident_and_the_path_goes_on()
    {
        var definition = Define(Set("broken", "x", "nope.nope"), Set("after", "y", "1"));
        var state = WorkflowInterpreter.Start(definition, null, null, T0);

        state = WorkflowInterpreter.Resume(definition, state, new SkipIncident(), Day(1));

        Assert.Equal(WorkflowStatus.Completed, state.Status);
        Assert.Null(state.Variables["x"]);
        Assert.Equal("1", state.Var("y"));
        Assert.Equal("skipped", state.Incidents.Single().Resolution);
    }

    [Fact]
    public void An_operator_cancels_an_instance_with_an_incident()
    {
        var definition = Define(Set("broken", "x", "nope.nope"), Set("after", "y", "1"));
        var state = WorkflowInterpreter.Start(definition, null, null, T0);

        state = WorkflowInterpreter.Resume(definition, state, new CancelInstance("gave up"), Day(1));

        Assert.Equal(WorkflowStatus.Cancelled, state.Status);
        Assert.Equal("cancelled", state.Incidents.Single().Resolution);
        Assert.Empty(state.OpenIncidents);
    }

    [Fact]
    public void Other_paths_run_on_while_one_has_an_incident()
    {
        var definition = Define(
            Parallel("both", ["broken", "listen"], JoinRule.All),
            Set("broken", "x", "nope.nope"),
            WaitFor("listen", "Ping", "true", result: "ping"));
        var state = WorkflowInterpreter.Start(definition, null, null, T0);
        Assert.Equal(WorkflowStatus.Incident, state.Status);

        state = WorkflowInterpreter.Resume(definition, state, new EventReceived("Ping", Json("""{"n":1}""")), Day(1));

        Assert.Equal("""{"n":1}""", state.Var("ping"));
        Assert.Equal(WorkflowStatus.Incident, state.Status);
        state = WorkflowInterpreter.Resume(definition, state, new SkipIncident(), Day(2));
        Assert.Equal(WorkflowStatus.Completed, state.Status);
    }

    [Fact]
    public void A_loop_that_never_waits_becomes_an_incident_instead_of_spinning()
    {
        var definition = Define(Set("spin", "n", "(vars.n || 0) + 1", then: "spin"));

        var state = WorkflowInterpreter.Start(definition, null, null, T0, options: new WorkflowRunOptions { MaxStepsPerCall = 100 });

        Assert.Equal(WorkflowStatus.Incident, state.Status);
        Assert.Contains("without every path waiting", state.OpenIncidents.Single().Error, StringComparison.Ordinal);
        Assert.Equal("100", state.Var("n"));
    }

    [Fact]
    public void A_transition_to_no_step_is_an_incident_at_the_step_that_names_it()
    {
        var state = WorkflowInterpreter.Start(Define(Set("a", "x", "1", then: "nowhere")), null, null, T0);

        Assert.Equal("a", state.OpenIncidents.Single().StepId);
        Assert.Null(state.Variables["x"]);
    }

    [Fact]
    public void Resume_never_changes_the_state_it_is_given()
    {
        var state = StartCounter();
        var before = WorkflowStateJson.Serialize(state);

        var after = WorkflowInterpreter.Resume(Counter, state, new EventReceived("ProgressReported", Json("""{"commitmentId":"c1"}"""), "e1"), Day(1));

        Assert.NotSame(state, after);
        Assert.Equal(before, WorkflowStateJson.Serialize(state));
        Assert.Throws<ArgumentException>(() => WorkflowInterpreter.Resume(Counter with { Version = 2 }, state, new TimersDue(), Day(1)));
    }

    [Fact]
    public void The_state_round_trips_through_System_Text_Json_between_any_two_steps()
    {
        var definition = Define(
            Parallel("watch", ["follow-up", "review"], JoinRule.Any, then: "close"),
            WaitFor("follow-up", "ProgressReported", "event.commitmentId == input.commitmentId", "P45D", "stalled", result: "progress", then: "follow-up"),
            Set("stalled", "status", "'stalled'"),
            Escalate("raise", "owners", 1, then: "follow-up"),
            Task("review", "tenant-coordinator", "'Year-end review'", due: "input.reviewAt", result: "review"),
            Notify("close", "owners", "'closed: ' + vars.review.status")).WithVariables(("status", "'active'"));
        var stimuli = new (DateTimeOffset At, Func<WorkflowInstanceState, WorkflowStimulus> Stimulus)[]
        {
            (Day(10), _ => new EventReceived("ProgressReported", Json("""{"commitmentId":"c1","level":"limited"}"""), "e1")),
            (Day(10), _ => new EventReceived("ProgressReported", Json("""{"commitmentId":"c1","level":"limited"}"""), "e1")),
            (Day(55), _ => new TimersDue()),
            (Day(60), _ => new EventReceived("Unrelated", null, "e2", Day(90))),
            (Day(100), _ => new TimersDue()),
            (Day(120), s => new TaskCompleted(s.OpenTasks.Single().Id, Json("""{"status":"complete"}"""))),
        };
        var inputs = Json("""{"commitmentId":"c1","reviewAt":"2017-12-31T00:00:00Z"}""");

        var direct = WorkflowInterpreter.Start(definition, inputs, null, T0, "i1");
        var persisted = RoundTrip(WorkflowInterpreter.Start(definition, inputs, null, T0, "i1"));
        foreach (var (at, stimulus) in stimuli)
        {
            direct = WorkflowInterpreter.Resume(definition, direct, stimulus(direct), at);
            // What a grain does: persist, crash, read back, go on.
            persisted = RoundTrip(WorkflowInterpreter.Resume(definition, RoundTrip(persisted), stimulus(persisted), at));
        }

        Assert.Equal(WorkflowStatus.Completed, direct.Status);
        Assert.Equal("closed: complete", direct.Outbox[^1].Data!["message"]!.GetValue<string>());
        Assert.Equal(WorkflowStateJson.Serialize(direct), WorkflowStateJson.Serialize(persisted));
        // Default options work as well as the storage options.
        var plain = JsonSerializer.Deserialize<WorkflowInstanceState>(JsonSerializer.Serialize(direct))!;
        Assert.Equal(WorkflowStateJson.Serialize(direct), WorkflowStateJson.Serialize(plain));
    }

    [Fact]
    public void A_waiting_state_read_back_from_JSON_resumes_where_it_was()
    {
        var state = StartCounter();
        var json = WorkflowStateJson.Serialize(state);
        Assert.Contains("\"status\":\"waiting\"", json, StringComparison.Ordinal);

        var restored = WorkflowStateJson.Deserialize(json);
        var resumed = WorkflowInterpreter.Resume(Counter, restored, new EventReceived("ProgressReported", Json("""{"commitmentId":"c1"}"""), "e1"), Day(1));

        Assert.Equal("1", resumed.Var("count"));
        Assert.Equal(WorkflowInterpreter.Bookmarks(state).Single().Correlation, WorkflowInterpreter.Bookmarks(restored).Single().Correlation);
    }

    [Fact]
    public void Stimuli_serialize_with_their_kind()
    {
        WorkflowStimulus stimulus = new EventReceived("ProgressReported", Json("""{"commitmentId":"c1"}"""), "e1", Day(3));

        var json = JsonSerializer.Serialize(stimulus, WorkflowStateJson.Options);
        var back = JsonSerializer.Deserialize<WorkflowStimulus>(json, WorkflowStateJson.Options);

        Assert.Contains("\"stimulus\":\"event\"", json, StringComparison.Ordinal);
        var received = Assert.IsType<EventReceived>(back);
        Assert.Equal("e1", received.EventId);
        Assert.Equal(Day(3), received.KeepUntil);
    }

    private static WorkflowInstanceState RoundTrip(WorkflowInstanceState state) => WorkflowStateJson.Deserialize(WorkflowStateJson.Serialize(state));
}
