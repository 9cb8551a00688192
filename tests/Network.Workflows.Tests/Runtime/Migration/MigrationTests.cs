using Network.Workflows.Definitions;
using Network.Workflows.Runtime;
using Network.Workflows.Runtime.Migration;
using static Network.Workflows.Tests.Runtime.Migration.Versions;
using static Network.Workflows.Tests.Runtime.Wf;

namespace Network.Workflows.Tests.Runtime.Migration;

/// <summary>What an instance keeps when it moves to another version, and that it then runs on under the new one.</summary>
public class MigrationTests
{
    private static readonly WorkflowDefinition FollowV1 = Load(
        """
        id: follow
        version: 1
        title: Follow a commitment
        inputs: [commitmentId]
        settings:
          stallAfter: P45D
        variables:
          reports: 0
        steps:
          - id: follow-up
            wait-for: ProgressReported
            where: event.commitmentId == input.commitmentId
            timeout: { after: settings.stallAfter, then: stalled }
            then: count
          - id: count
            set: { reports: vars.reports + 1 }
            then: end
          - id: stalled
            notify: owners
            message: "'Please report'"
            then: end
        """);

    // Counts a report as ten, says thanks, escalates a stall instead of notifying, and has a setting and a variable more.
    private static readonly WorkflowDefinition FollowV2 = Load(
        """
        id: follow
        version: 2
        title: Follow a commitment
        inputs: [commitmentId, tenantId]
        settings:
          stallAfter: P45D
          escalateTo: network-coordinator
        variables:
          reports: 100
          thanks: "'Thank you, ' + input.commitmentId"
        steps:
          - id: follow-up
            wait-for: ProgressReported
            where: event.commitmentId == input.commitmentId
            timeout: { after: settings.stallAfter, then: stalled }
            then: count
          - id: count
            set: { reports: vars.reports + 10 }
            then: thank
          - id: thank
            notify: owners
            message: vars.thanks
            then: end
          - id: stalled
            escalate: network-coordinator
            level: 1
            then: end
        """);

    private static WorkflowInstanceState StartFollow() =>
        WorkflowInterpreter.Start(FollowV1, Json("""{"commitmentId":"c1"}"""), new Dictionary<string, string> { ["stallAfter"] = "P30D" }, T0, "i1");

    [Fact]
    public void A_waiting_event_wait_keeps_its_wait_and_the_event_continues_in_the_new_versions_steps()
    {
        var state = StartFollow();

        var migrated = MigrateOk(FollowV1, FollowV2, state, NoMapping, Day(5));

        Assert.Equal(2, migrated.DefinitionVersion);
        Assert.Equal(1, state.DefinitionVersion);
        var bookmark = WorkflowInterpreter.Bookmarks(migrated).Single();
        Assert.Equal(WorkflowInterpreter.Bookmarks(state).Single(), bookmark, BookmarkComparer.Instance);
        Assert.Equal("c1", bookmark.Correlation["commitmentId"]);
        var next = WorkflowInterpreter.Resume(FollowV2, migrated, new EventReceived("ProgressReported", Json("""{"commitmentId":"c1"}"""), "e1"), Day(6));

        Assert.Equal(["follow-up", "count", "thank"], next.StepsRun());
        Assert.Equal("10", next.Var("reports"));
        Assert.Equal("Thank you, c1", next.Outbox.Single().Data!["message"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Completed, next.Status);
    }

    [Fact]
    public void An_event_that_does_not_correlate_still_does_not_resume_the_migrated_wait()
    {
        var migrated = MigrateOk(FollowV1, FollowV2, StartFollow(), NoMapping, Day(5));

        var other = WorkflowInterpreter.Resume(FollowV2, migrated, new EventReceived("ProgressReported", Json("""{"commitmentId":"c2"}""")), Day(6));

        Assert.Same(migrated, other);
    }

    [Fact]
    public void A_wait_for_keeps_its_timeout_and_times_out_into_the_new_versions_branch()
    {
        var state = StartFollow();

        var migrated = MigrateOk(FollowV1, FollowV2, state, NoMapping, Day(5));
        var timer = WorkflowInterpreter.Timers(migrated).Single();
        var next = WorkflowInterpreter.Resume(FollowV2, migrated, new TimerDue(timer.WaitId), Day(30));

        Assert.Equal(WorkflowInterpreter.Timers(state).Single(), timer);
        Assert.Equal(Day(30), timer.DueAt);
        Assert.Single(next.Entries(JournalKinds.TimedOut));
        Assert.Equal(OutboxKinds.Escalation, next.Outbox.Single().Kind);
        Assert.Equal(WorkflowStatus.Completed, next.Status);
    }

    [Fact]
    public void Variables_inputs_and_settings_stay_and_what_the_new_version_declares_anew_gets_its_initial_value()
    {
        var state = StartFollow();

        var migrated = MigrateOk(FollowV1, FollowV2, state, NoMapping, Day(5));

        Assert.Equal("0", migrated.Var("reports"));
        Assert.Equal("\"Thank you, c1\"", migrated.Var("thanks"));
        Assert.Equal("P30D", migrated.Settings["stallAfter"]);
        Assert.Equal("network-coordinator", migrated.Settings["escalateTo"]);
        Assert.Equal("""{"commitmentId":"c1","tenantId":null}""", migrated.Inputs.ToJsonString());
        Assert.Equal(state.InstanceId, migrated.InstanceId);
        Assert.Equal(state.StartedAt, migrated.StartedAt);
        Assert.Equal(state.LastId, migrated.LastId);
    }

    [Fact]
    public void The_journal_keeps_its_lines_and_says_from_which_version_to_which_with_the_mapping()
    {
        var state = StartFollow();

        var migrated = MigrateOk(FollowV1, FollowV2, state, NoMapping, Day(5));

        Assert.Equal(state.Journal, migrated.Journal.Take(state.Journal.Count));
        var entry = Assert.Single(migrated.Entries(JournalKinds.Migrated));
        Assert.Same(entry, migrated.Journal[^1]);
        Assert.Equal(state.Journal.Count + 1, entry.Seq);
        Assert.Equal(Day(5), entry.At);
        Assert.Equal("migrated from v1 to v2", entry.Why);
        Assert.Equal("mapping follow-up → follow-up", entry.Inputs);
        Assert.Equal(Day(5), migrated.UpdatedAt);
    }

    private static readonly WorkflowDefinition PauseV1 = Load(
        """
        id: pause
        version: 1
        title: Pause, then count
        variables:
          fired: 0
        steps:
          - id: settle
            timer: { after: P10D }
            then: count
          - id: count
            set: { fired: vars.fired + 1 }
            then: end
        """);

    private static readonly WorkflowDefinition PauseV2 = Load(
        """
        id: pause
        version: 2
        title: Cool down, then tally
        variables:
          fired: 0
        steps:
          - id: cool-down
            timer: { after: P20D }
            then: tally
          - id: tally
            set: { fired: vars.fired + 100 }
            then: end
        """);

    [Fact]
    public void A_timer_on_a_renamed_step_keeps_its_due_moment_and_fires_once()
    {
        var state = WorkflowInterpreter.Start(PauseV1, null, null, T0, "i1");
        var before = WorkflowInterpreter.Timers(state).Single();

        var migrated = MigrateOk(PauseV1, PauseV2, state, Mapping(("settle", "cool-down")), Day(3));
        var timer = WorkflowInterpreter.Timers(migrated).Single();
        var early = WorkflowInterpreter.Resume(PauseV2, migrated, new TimerDue(timer.WaitId), Day(9));
        var fired = WorkflowInterpreter.Resume(PauseV2, migrated, new TimerDue(timer.WaitId), Day(10));
        var again = WorkflowInterpreter.Resume(PauseV2, fired, new TimerDue(timer.WaitId), Day(11));

        Assert.Equal(before with { StepId = "cool-down" }, timer);
        Assert.Equal(Day(10), timer.DueAt);
        Assert.Same(migrated, early);
        Assert.Equal("100", fired.Var("fired"));
        Assert.Equal("cool-down", fired.Entries(JournalKinds.TimerFired).Single().StepId);
        Assert.Equal(WorkflowStatus.Completed, fired.Status);
        Assert.Same(fired, again);
        Assert.Equal("mapping settle → cool-down", migrated.Journal[^1].Inputs);
    }

    private static readonly WorkflowDefinition BothV1 = Load(
        """
        id: both
        version: 1
        title: Both reports
        inputs: [id]
        steps:
          - id: collect
            parallel: [get-a, get-b]
            join: all
            then: done
          - id: get-a
            wait-for: A
            where: event.id == input.id
            then: end
          - id: get-b
            wait-for: B
            where: event.id == input.id
            then: end
          - id: done
            set: { joined: "'v1'" }
        """);

    private static readonly WorkflowDefinition BothV2 = Load(
        """
        id: both
        version: 2
        title: Both reports
        inputs: [id]
        steps:
          - id: collect
            parallel: [get-a, wait-for-b]
            join: all
            then: done
          - id: get-a
            wait-for: A
            where: event.id == input.id
            then: end
          - id: wait-for-b
            wait-for: B
            where: event.id == input.id
            then: end
          - id: done
            set: { joined: "'v2'" }
        """);

    [Fact]
    public void A_join_keeps_its_branches_and_those_that_ended_and_joins_under_the_new_version()
    {
        var state = WorkflowInterpreter.Start(BothV1, Json("""{"id":"x"}"""), null, T0, "i1");
        state = WorkflowInterpreter.Resume(BothV1, state, new EventReceived("A", Json("""{"id":"x"}""")), Day(1));
        var join = state.Paths.Single(p => p.Wait?.Kind == WaitKind.Join).Wait!;
        Assert.Single(join.EndedBranches);

        var migrated = MigrateOk(BothV1, BothV2, state, Mapping(("get-b", "wait-for-b")), Day(2));
        var kept = migrated.Paths.Single(p => p.Wait?.Kind == WaitKind.Join).Wait!;
        var next = WorkflowInterpreter.Resume(BothV2, migrated, new EventReceived("B", Json("""{"id":"x"}""")), Day(3));

        Assert.Equal(join.Id, kept.Id);
        Assert.Equal(join.Branches, kept.Branches);
        Assert.Equal(join.EndedBranches, kept.EndedBranches);
        Assert.Equal(join.Required, kept.Required);
        Assert.Equal(["collect", "wait-for-b"], migrated.Paths.Select(p => p.StepId));
        Assert.Equal("\"v2\"", next.Var("joined"));
        Assert.Equal("2 of 2 branches ended", next.Entries(JournalKinds.Joined).Single().Why);
        Assert.Equal(WorkflowStatus.Completed, next.Status);
    }

    private static readonly WorkflowDefinition ReviewV1 = Load(
        """
        id: review
        version: 1
        title: Review
        inputs: [id]
        steps:
          - id: review
            task: tenant-coordinator
            title: "'Review ' + input.id"
            result: verdict
            then: end
        """);

    private static readonly WorkflowDefinition ReviewV2 = Load(
        """
        id: review
        version: 2
        title: Approve
        inputs: [id]
        steps:
          - id: approve
            task: network-coordinator
            title: "'Approve ' + input.id"
            result: decision
            then: record
          - id: record
            set: { approved: vars.decision.ok }
            then: end
        """);

    [Fact]
    public void An_open_task_follows_its_renamed_step_and_completes_under_the_new_version()
    {
        var state = WorkflowInterpreter.Start(ReviewV1, Json("""{"id":"x"}"""), null, T0, "i1");
        var task = state.OpenTasks.Single();

        var migrated = MigrateOk(ReviewV1, ReviewV2, state, Mapping(("review", "approve")), Day(1));
        var next = WorkflowInterpreter.Resume(ReviewV2, migrated, new TaskCompleted(task.Id, Json("""{"ok":true}""")), Day(2));

        var moved = migrated.OpenTasks.Single();
        Assert.Equal((task.Id, "approve", task.Title, "tenant-coordinator"), (moved.Id, moved.StepId, moved.Title, moved.AssignedTo));
        Assert.Equal("review", task.StepId);
        Assert.Equal("approve", migrated.Outbox.Single().StepId);
        Assert.Equal("true", next.Var("approved"));
        Assert.Null(next.Variables["verdict"]);
        Assert.Equal(WorkflowStatus.Completed, next.Status);
    }

    private static readonly WorkflowDefinition HandOffV1 = Load(
        """
        id: hand-off
        version: 1
        title: Hand off
        inputs: [id]
        steps:
          - id: follow
            call: commitment-lifecycle
            inputs: { commitmentId: input.id }
            result: child
            then: end
        """);

    private static readonly WorkflowDefinition HandOffV2 = Load(
        """
        id: hand-off
        version: 2
        title: Hand off
        inputs: [id]
        steps:
          - id: follow
            call: commitment-lifecycle
            inputs: { commitmentId: input.id }
            result: outcome
            then: end
        """);

    [Fact]
    public void A_call_keeps_its_child_and_the_childs_end_continues_under_the_new_version()
    {
        var state = WorkflowInterpreter.Start(HandOffV1, Json("""{"id":"x"}"""), null, T0, "i1");
        var callId = state.Paths.Single().Wait!.CallId!;

        var migrated = MigrateOk(HandOffV1, HandOffV2, state, NoMapping, Day(1));
        var next = WorkflowInterpreter.Resume(HandOffV2, migrated, new ChildCompleted(callId, Json("""{"done":true}""")), Day(2));

        Assert.Equal("""{"done":true}""", next.Var("outcome"));
        Assert.Null(next.Variables["child"]);
        Assert.Equal(WorkflowStatus.Completed, next.Status);
    }

    private static readonly WorkflowDefinition StepsV1 = Load(
        """
        id: steps
        version: 1
        title: Steps
        steps:
          - id: prepare
            do: [settle, finish]
            then: done
          - id: settle
            timer: { after: P1D }
          - id: finish
            set: { finished: true }
          - id: done
            set: { done: true }
        """);

    // A step before the one the instance is at, so the element it runs moves from position 0 to position 1.
    private static readonly WorkflowDefinition StepsV2 = Load(
        """
        id: steps
        version: 2
        title: Steps
        steps:
          - id: prepare
            do: [warm-up, settle, finish]
            then: done
          - id: warm-up
            set: { warmedUp: true }
          - id: settle
            timer: { after: P1D }
          - id: finish
            set: { finished: true }
          - id: done
            set: { done: true }
        """);

    [Fact]
    public void A_do_keeps_the_element_it_runs_when_the_new_version_lists_its_elements_differently()
    {
        var state = WorkflowInterpreter.Start(StepsV1, null, null, T0, "i1");
        Assert.Equal(0, state.Paths.Single().Frames.Single().Index);

        var migrated = MigrateOk(StepsV1, StepsV2, state, NoMapping, Day(0.5));
        var next = WorkflowInterpreter.Resume(StepsV2, migrated, new TimersDue(), Day(1));

        Assert.Equal(new ScopeFrame { StepId = "prepare", Kind = ScopeKind.Sequence, Index = 1 }, migrated.Paths.Single().Frames.Single());
        Assert.Equal(0, state.Paths.Single().Frames.Single().Index);
        Assert.Equal(["prepare", "settle", "finish", "done"], next.StepsRun());
        Assert.Null(next.Variables["warmedUp"]);
        Assert.Equal(WorkflowStatus.Completed, next.Status);
    }

    private static readonly WorkflowDefinition RemindV1 = Load(
        """
        id: remind
        version: 1
        title: Remind weekly
        variables:
          turns: 0
        steps:
          - id: weekly
            loop: wait-a-week
            while: vars.turns < 10
            max: 3
            then: done
          - id: wait-a-week
            timer: { after: P7D }
            then: tally
          - id: tally
            set: { turns: vars.turns + 1 }
          - id: done
            set: { finished: true }
        """);

    private static readonly WorkflowDefinition RemindV2 = Load(
        """
        id: remind
        version: 2
        title: Remind weekly, twice at most
        variables:
          turns: 0
        steps:
          - id: weekly
            loop: wait-a-week
            while: vars.turns < 10
            max: 2
            then: done
          - id: wait-a-week
            timer: { after: P7D }
            then: tally
          - id: tally
            set: { turns: vars.turns + 1 }
          - id: done
            set: { finished: true }
        """);

    [Fact]
    public void A_loop_keeps_the_turns_it_made_and_stops_at_the_new_versions_max()
    {
        var state = WorkflowInterpreter.Start(RemindV1, null, null, T0, "i1");
        state = WorkflowInterpreter.Resume(RemindV1, state, new TimersDue(), Day(7));
        Assert.Equal(2, state.Paths.Single().Frames.Single().Iteration);

        var migrated = MigrateOk(RemindV1, RemindV2, state, NoMapping, Day(8));
        var next = WorkflowInterpreter.Resume(RemindV2, migrated, new TimersDue(), Day(14));

        Assert.Equal(2, migrated.Paths.Single().Frames.Single().Iteration);
        Assert.Equal("2", next.Var("turns"));
        Assert.Equal("true", next.Var("finished"));
        Assert.Equal(WorkflowStatus.Completed, next.Status);
    }

    private static readonly WorkflowDefinition NudgeV1 = Load(
        """
        id: nudge
        version: 1
        title: Nudge
        inputs: [owner]
        steps:
          - id: nudge
            notify: owners
            message: input.owner.name
            retry: { attempts: 3, delay: PT1M, backoff: 2 }
            then: end
        """);

    // The message no longer reads an input the instance never had.
    private static readonly WorkflowDefinition NudgeV2 = Load(
        """
        id: nudge
        version: 2
        title: Nudge
        inputs: [owner]
        steps:
          - id: nudge
            notify: owners
            message: "'Please report'"
            then: end
        """);

    [Fact]
    public void A_step_waiting_to_retry_runs_as_the_new_version_has_it()
    {
        var state = WorkflowInterpreter.Start(NudgeV1, null, null, T0, "i1");
        Assert.Equal(WaitKind.Retry, state.Paths.Single().Wait!.Kind);

        var migrated = MigrateOk(NudgeV1, NudgeV2, state, NoMapping, T0.AddSeconds(30));
        var next = WorkflowInterpreter.Resume(NudgeV2, migrated, new TimersDue(), T0.AddMinutes(1));

        Assert.Equal("Please report", next.Outbox.Single().Data!["message"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Completed, next.Status);
    }

    [Fact]
    public void An_open_incident_follows_its_step_and_a_retry_runs_the_new_versions_step()
    {
        var state = WorkflowInterpreter.Start(NudgeV1, null, null, T0, "i1");
        state = WorkflowInterpreter.Resume(NudgeV1, state, new TimersDue(), T0.AddMinutes(1));
        state = WorkflowInterpreter.Resume(NudgeV1, state, new TimersDue(), T0.AddMinutes(3));
        Assert.Equal(WorkflowStatus.Incident, state.Status);

        var migrated = MigrateOk(NudgeV1, NudgeV2, state, NoMapping, Day(1));
        var next = WorkflowInterpreter.Resume(NudgeV2, migrated, new RetryIncident(), Day(2));

        Assert.Equal(WorkflowStatus.Incident, migrated.Status);
        Assert.Equal("nudge", migrated.OpenIncidents.Single().StepId);
        Assert.Equal("Please report", next.Outbox.Single().Data!["message"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Completed, next.Status);
    }

    [Fact]
    public void The_migrated_state_round_trips_through_storage()
    {
        var migrated = MigrateOk(FollowV1, FollowV2, StartFollow(), NoMapping, Day(5));

        var read = WorkflowStateJson.Deserialize(WorkflowStateJson.Serialize(migrated));
        var next = WorkflowInterpreter.Resume(FollowV2, read, new EventReceived("ProgressReported", Json("""{"commitmentId":"c1"}""")), Day(6));

        Assert.Equal(WorkflowStateJson.Serialize(migrated), WorkflowStateJson.Serialize(read));
        Assert.Equal("10", next.Var("reports"));
    }

    /// <summary>Bookmarks compared by value, correlation included (the record compares its dictionary by reference).</summary>
    private sealed class BookmarkComparer : IEqualityComparer<Bookmark>
    {
        public static readonly BookmarkComparer Instance = new();

        public bool Equals(Bookmark? x, Bookmark? y) =>
            x is not null && y is not null &&
            (x.InstanceId, x.PathId, x.WaitId, x.StepId, x.Event, x.TimeoutAt) == (y.InstanceId, y.PathId, y.WaitId, y.StepId, y.Event, y.TimeoutAt) &&
            x.Correlation.OrderBy(c => c.Key, StringComparer.Ordinal).SequenceEqual(y.Correlation.OrderBy(c => c.Key, StringComparer.Ordinal));

        public int GetHashCode(Bookmark obj) => obj.WaitId.GetHashCode(StringComparison.Ordinal);
    }
}
