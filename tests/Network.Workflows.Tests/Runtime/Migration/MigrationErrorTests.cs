using Network.Workflows.Definitions;
using Network.Workflows.Runtime;
using Network.Workflows.Runtime.Migration;
using static Network.Workflows.Tests.Runtime.Migration.Versions;
using static Network.Workflows.Tests.Runtime.Wf;

namespace Network.Workflows.Tests.Runtime.Migration;

/// <summary>Every reason a migration is refused: it then gives no state, changes nothing, and names the step.</summary>
public class MigrationErrorTests
{
    private static readonly WorkflowDefinition FollowV1 = Follow(1,
        """
          - id: follow-up
            wait-for: ProgressReported
            where: event.commitmentId == input.commitmentId
            timeout: { after: P30D, then: stalled }
            then: end
          - id: stalled
            notify: owners
            message: "'Please report'"
            then: end
        """);

    private static readonly WorkflowDefinition Renamed = Follow(2,
        """
          - id: await-progress
            wait-for: ProgressReported
            where: event.commitmentId == input.commitmentId
            timeout: { after: P30D, then: stalled }
            then: end
          - id: stalled
            notify: owners
            message: "'Please report'"
            then: end
        """);

    private static WorkflowDefinition Follow(int version, string steps) =>
        Load($"id: follow\nversion: {version}\ntitle: Follow\ninputs: [commitmentId]\nsteps:\n{steps}");

    private static WorkflowInstanceState StartFollow() => WorkflowInterpreter.Start(FollowV1, Json("""{"commitmentId":"c1"}"""), null, T0, "i1");

    [Fact]
    public void A_step_with_no_mapping_that_the_new_version_lacks_stops_the_migration()
    {
        var errors = MigrateFails(FollowV1, Renamed, StartFollow(), NoMapping, Day(1));

        var error = Assert.Single(errors);
        Assert.Equal(MigrationErrorCodes.UnmappedStep, error.Code);
        Assert.Equal("follow-up", error.StepId);
        Assert.Equal("step 'follow-up' (path p1 is at it) has no mapping, and v2 of follow has no step 'follow-up'", error.Message);
    }

    [Fact]
    public void The_same_step_mapped_the_same_way_succeeds()
    {
        var migrated = MigrateOk(FollowV1, Renamed, StartFollow(), Mapping(("follow-up", "await-progress")), Day(1));

        Assert.Equal("await-progress", migrated.Paths.Single().StepId);
    }

    [Fact]
    public void A_mapping_to_a_step_the_new_version_lacks_is_an_unknown_target_and_nothing_else()
    {
        var errors = MigrateFails(FollowV1, Renamed, StartFollow(), Mapping(("follow-up", "awaiting")), Day(1));

        var error = Assert.Single(errors);
        Assert.Equal((MigrationErrorCodes.UnknownTarget, "follow-up"), (error.Code, error.StepId));
        Assert.Contains("'awaiting'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_from_a_step_the_old_version_lacks_is_an_unknown_source_even_when_unused()
    {
        var errors = MigrateFails(FollowV1, Renamed, StartFollow(),
            Mapping(("follow-up", "await-progress"), ("folow-up", "await-progress")), Day(1));

        var error = Assert.Single(errors);
        Assert.Equal((MigrationErrorCodes.UnknownSource, "folow-up"), (error.Code, error.StepId));
        Assert.Contains("v1 of follow does not have", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(
        """
          - id: follow-up
            wait-for: CommitmentReviewed
            where: event.commitmentId == input.commitmentId
            timeout: { after: P30D, then: end }
        """,
        "so 'follow-up' must be a wait-for for ProgressReported with a timeout; it is a wait-for for CommitmentReviewed with a timeout")]
    [InlineData(
        """
          - id: follow-up
            wait-for: ProgressReported
            where: event.commitmentId == input.commitmentId
            then: end
        """,
        "so 'follow-up' must be a wait-for for ProgressReported with a timeout; it is a wait-for for ProgressReported without a timeout")]
    [InlineData(
        """
          - id: follow-up
            timer: { after: P30D }
            then: end
        """,
        "so 'follow-up' must be a wait-for for ProgressReported with a timeout; it is a timer")]
    public void An_event_wait_must_land_on_a_wait_for_of_the_same_event_that_can_still_time_out(string steps, string expected)
    {
        var errors = MigrateFails(FollowV1, Follow(2, steps), StartFollow(), NoMapping, Day(1));

        var error = Assert.Single(errors);
        Assert.Equal((MigrationErrorCodes.IncompatibleStep, "follow-up"), (error.Code, error.StepId));
        Assert.StartsWith("path p1 waits for ProgressReported until 2017-01-31", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timer_must_land_on_a_timer()
    {
        var v1 = Load("id: pause\nversion: 1\ntitle: Pause\nsteps:\n  - id: settle\n    timer: { after: P10D }\n    then: end\n");
        var v2 = Load("id: pause\nversion: 2\ntitle: Pause\nsteps:\n  - id: settle\n    task: owners\n    title: \"'Settle'\"\n    then: end\n");

        var errors = MigrateFails(v1, v2, WorkflowInterpreter.Start(v1, null, null, T0, "i1"), NoMapping, Day(1));

        var error = Assert.Single(errors);
        Assert.Equal(MigrationErrorCodes.IncompatibleStep, error.Code);
        Assert.EndsWith("so 'settle' must be a timer; it is a task", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_must_land_on_a_task()
    {
        var v1 = Load("id: review\nversion: 1\ntitle: Review\nsteps:\n  - id: review\n    task: owners\n    title: \"'Review'\"\n    then: end\n");
        var v2 = Load("id: review\nversion: 2\ntitle: Review\nsteps:\n  - id: review\n    notify: owners\n    message: \"'Review'\"\n    then: end\n");

        var errors = MigrateFails(v1, v2, WorkflowInterpreter.Start(v1, null, null, T0, "i1"), NoMapping, Day(1));

        var error = Assert.Single(errors);
        Assert.Equal(MigrationErrorCodes.IncompatibleStep, error.Code);
        Assert.Equal("path p1 waits for task t2 at 'review', so 'review' must be a task; it is a notify", error.Message);
    }

    [Fact]
    public void A_call_must_land_on_a_call_of_the_same_workflow()
    {
        var v1 = Load("id: hand-off\nversion: 1\ntitle: Hand off\nsteps:\n  - id: follow\n    call: commitment-lifecycle\n    then: end\n");
        var v2 = Load("id: hand-off\nversion: 2\ntitle: Hand off\nsteps:\n  - id: follow\n    call: dependency-wait\n    then: end\n");

        var errors = MigrateFails(v1, v2, WorkflowInterpreter.Start(v1, null, null, T0, "i1"), NoMapping, Day(1));

        var error = Assert.Single(errors);
        Assert.Equal(MigrationErrorCodes.IncompatibleStep, error.Code);
        Assert.EndsWith("so 'follow' must be a call of commitment-lifecycle; it is a call of dependency-wait", error.Message, StringComparison.Ordinal);
    }

    private const string TwoWaits =
        """
          - id: get-a
            wait-for: A
            where: event.id == input.id
            then: end
          - id: get-b
            wait-for: B
            where: event.id == input.id
            then: end
        """;

    private static WorkflowDefinition Both(int version, string steps) =>
        Load($"id: both\nversion: {version}\ntitle: Both\ninputs: [id]\nsteps:\n{steps}");

    private static readonly WorkflowDefinition BothV1 = Both(1, "  - id: collect\n    parallel: [get-a, get-b]\n    join: all\n    then: end\n" + TwoWaits);

    [Fact]
    public void A_join_must_land_on_a_parallel_with_as_many_branches()
    {
        var v2 = Both(2, "  - id: collect\n    parallel: [get-a, get-b, get-c]\n    join: all\n    then: end\n" + TwoWaits +
            "\n  - id: get-c\n    timer: { after: P1D }\n    then: end\n");
        var state = WorkflowInterpreter.Start(BothV1, Json("""{"id":"x"}"""), null, T0, "i1");

        var errors = MigrateFails(BothV1, v2, state, NoMapping, Day(1));

        var error = Assert.Single(errors);
        Assert.Equal((MigrationErrorCodes.IncompatibleStep, "collect"), (error.Code, error.StepId));
        Assert.Equal("path p1 waits for 2 of its branches p3, p4 at 'collect', so 'collect' must be a parallel with 2 branches; it is a parallel with 3 branches",
            error.Message);
    }

    [Fact]
    public void Every_error_is_reported_at_once_and_a_step_only_once()
    {
        var v2 = Both(2, "  - id: collect\n    parallel: [wait-a, wait-b]\n    join: all\n    then: end\n" +
            TwoWaits.Replace("get-", "wait-", StringComparison.Ordinal));
        var state = WorkflowInterpreter.Start(BothV1, Json("""{"id":"x"}"""), null, T0, "i1");

        var errors = MigrateFails(BothV1, v2, state, Mapping(("get-c", "wait-a")), Day(1));

        Assert.Equal(
            [(MigrationErrorCodes.UnknownSource, "get-c"), (MigrationErrorCodes.UnmappedStep, "get-a"), (MigrationErrorCodes.UnmappedStep, "get-b")],
            errors.Select(e => (e.Code, e.StepId)));
    }

    [Fact]
    public void A_step_the_path_its_task_and_its_outbox_message_all_refer_to_is_reported_once()
    {
        var v1 = Load("id: review\nversion: 1\ntitle: Review\nsteps:\n  - id: review\n    task: owners\n    title: \"'Review'\"\n    then: end\n");
        var v2 = Load("id: review\nversion: 2\ntitle: Review\nsteps:\n  - id: approve\n    task: owners\n    title: \"'Approve'\"\n    then: end\n");
        var state = WorkflowInterpreter.Start(v1, null, null, T0, "i1");
        Assert.Equal(("review", "review"), (state.OpenTasks.Single().StepId, state.Outbox.Single().StepId));

        var errors = MigrateFails(v1, v2, state, NoMapping, Day(1));

        var error = Assert.Single(errors);
        Assert.Equal((MigrationErrorCodes.UnmappedStep, "review"), (error.Code, error.StepId));
        Assert.Contains("(path p1 is at it)", error.Message, StringComparison.Ordinal);
    }

    private static WorkflowDefinition Steps(int version, string steps) => Load($"id: steps\nversion: {version}\ntitle: Steps\nsteps:\n{steps}");

    private static readonly WorkflowDefinition StepsV1 = Steps(1,
        """
          - id: prepare
            do: [settle, finish]
            then: end
          - id: settle
            timer: { after: P1D }
          - id: finish
            set: { finished: true }
        """);

    [Fact]
    public void A_do_must_land_on_a_do()
    {
        var v2 = Steps(2,
            """
              - id: prepare
                loop: settle
                max: 2
                then: end
              - id: settle
                timer: { after: P1D }
            """);

        var errors = MigrateFails(StepsV1, v2, WorkflowInterpreter.Start(StepsV1, null, null, T0, "i1"), NoMapping, Day(0.5));

        var error = Assert.Single(errors);
        Assert.Equal((MigrationErrorCodes.IncompatibleStep, "prepare"), (error.Code, error.StepId));
        Assert.Equal("path p1 is inside do 'prepare', so 'prepare' must be a do; it is a loop", error.Message);
    }

    [Fact]
    public void A_do_must_still_list_the_element_its_path_runs()
    {
        var v2 = Steps(2,
            """
              - id: prepare
                do: [finish]
                then: settle
              - id: finish
                set: { finished: true }
              - id: settle
                timer: { after: P1D }
                then: end
            """);

        var errors = MigrateFails(StepsV1, v2, WorkflowInterpreter.Start(StepsV1, null, null, T0, "i1"), NoMapping, Day(0.5));

        var error = Assert.Single(errors);
        Assert.Equal((MigrationErrorCodes.IncompatibleStep, "prepare"), (error.Code, error.StepId));
        Assert.Equal("path p1 runs element 'settle' of do 'prepare', so do 'prepare' must list 'settle'; it lists finish", error.Message);
    }

    [Fact]
    public void A_path_parked_on_an_incident_must_land_on_a_step_of_the_same_activity()
    {
        var v1 = Load("id: nudge\nversion: 1\ntitle: Nudge\ninputs: [owner]\nsteps:\n  - id: nudge\n    notify: owners\n    message: input.owner.name\n    then: end\n");
        var v2 = Load("id: nudge\nversion: 2\ntitle: Nudge\ninputs: [owner]\nsteps:\n  - id: nudge\n    set: { nudged: true }\n    then: end\n");
        var state = WorkflowInterpreter.Start(v1, null, null, T0, "i1");
        Assert.Equal(WorkflowStatus.Incident, state.Status);

        var errors = MigrateFails(v1, v2, state, NoMapping, Day(1));

        var error = Assert.Single(errors);
        Assert.Equal(MigrationErrorCodes.IncompatibleStep, error.Code);
        Assert.Equal("path p1 is parked on an incident at 'nudge', so 'nudge' must be a notify; it is a set", error.Message);
    }

    [Fact]
    public void An_outbox_message_not_yet_acknowledged_needs_its_step_mapped_and_an_acknowledged_one_does_not()
    {
        var v1 = Follow(1,
            """
              - id: announce
                publish: FollowUpStarted
                data: { commitmentId: input.commitmentId }
                then: follow-up
              - id: follow-up
                wait-for: ProgressReported
                where: event.commitmentId == input.commitmentId
                then: end
            """);
        var v2 = Follow(2,
            """
              - id: follow-up
                wait-for: ProgressReported
                where: event.commitmentId == input.commitmentId
                then: end
            """);
        var state = WorkflowInterpreter.Start(v1, Json("""{"commitmentId":"c1"}"""), null, T0, "i1");
        var message = state.Outbox.Single();

        var errors = MigrateFails(v1, v2, state, NoMapping, Day(1));
        var migrated = MigrateOk(v1, v2, WorkflowInterpreter.Acknowledge(state, [message.Id]), NoMapping, Day(1));

        var error = Assert.Single(errors);
        Assert.Equal((MigrationErrorCodes.UnmappedStep, "announce"), (error.Code, error.StepId));
        Assert.Contains($"outbox message {message.Id} is not yet acknowledged", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, migrated.DefinitionVersion);
    }

    [Fact]
    public void An_ended_instance_cannot_be_migrated()
    {
        var state = WorkflowInterpreter.Resume(FollowV1, StartFollow(), new EventReceived("ProgressReported", Json("""{"commitmentId":"c1"}""")), Day(1));
        Assert.Equal(WorkflowStatus.Completed, state.Status);

        var errors = MigrateFails(FollowV1, Renamed, state, Mapping(("follow-up", "await-progress")), Day(2));

        Assert.Equal([(MigrationErrorCodes.InstanceEnded, (string?)null)], errors.Select(e => (e.Code, e.StepId)));
        Assert.Equal("instance i1 is completed: nothing of it runs any more", errors[0].Message);
    }

    [Fact]
    public void An_instance_cannot_be_migrated_to_the_version_it_runs()
    {
        var errors = MigrateFails(FollowV1, FollowV1, StartFollow(), NoMapping, Day(1));

        Assert.Equal([MigrationErrorCodes.SameVersion], errors.Select(e => e.Code));
    }

    [Fact]
    public void An_instance_moves_only_between_versions_of_its_own_workflow_from_the_one_it_runs()
    {
        var state = StartFollow();

        var otherWorkflow = MigrateFails(FollowV1, Renamed with { Id = "other" }, state, NoMapping, Day(1));
        var otherSource = MigrateFails(Renamed, Renamed with { Version = 3 }, state, NoMapping, Day(1));

        Assert.Equal([MigrationErrorCodes.WrongDefinition], otherWorkflow.Select(e => e.Code));
        Assert.Contains("not to other", otherWorkflow[0].Message, StringComparison.Ordinal);
        Assert.Equal([MigrationErrorCodes.WrongDefinition], otherSource.Select(e => e.Code));
        Assert.Equal("instance i1 runs follow v1, not follow v2", otherSource[0].Message);
    }

    [Fact]
    public void A_new_variable_whose_initial_value_fails_stops_the_migration()
    {
        var v2 = Load(
            """
            id: follow
            version: 2
            title: Follow
            inputs: [commitmentId]
            variables:
              owner: input.commitmentId.owner.name
            steps:
              - id: follow-up
                wait-for: ProgressReported
                where: event.commitmentId == input.commitmentId
                timeout: { after: P30D, then: end }
            """);

        var errors = MigrateFails(FollowV1, v2, StartFollow(), NoMapping, Day(1));

        var error = Assert.Single(errors);
        Assert.Equal((MigrationErrorCodes.InvalidVariable, (string?)null), (error.Code, error.StepId));
        Assert.StartsWith("the initial value of variable 'owner', new in v2, failed:", error.Message, StringComparison.Ordinal);
    }
}
