using Network.Workflows.Definitions;
using Network.Workflows.Loading;
using Network.Workflows.Validation;

namespace Network.Workflows.Tests.Validation;

public sealed class WorkflowValidatorTests
{
    private const string Header = "id: w\nversion: 1\ntitle: t\n";

    [Fact]
    public void A_valid_definition_has_no_errors()
    {
        var result = WorkflowValidator.Check(
            """
            id: commitment-lifecycle
            version: 1
            title: t
            starts-on:
              event: CommitmentRecorded
              inputs: { commitmentId: event.commitmentId }
            inputs: [commitmentId]
            settings: { stallAfter: P45D }
            steps:
              - id: follow-up
                wait-for: ProgressReported
                where: event.commitmentId == input.commitmentId
                timeout: { after: settings.stallAfter, then: stalled }
                then: follow-up
              - id: stalled
                escalate: owners
                message: "'No progress on ' + input.commitmentId + ' for ' + settings.stallAfter"
                then: follow-up
            """, "w.yaml");

        Assert.Empty(result.Errors);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A_transition_to_no_step_is_dangling_and_points_at_the_target()
    {
        var errors = Validate(
            """
            steps:
              - id: follow-up
                wait-for: ProgressReported
                where: event.id == input.id
                timeout: { after: P45D, then: stalld }
                then: folow-up
              - id: stalled
                do: [remind, nobody]
              - id: remind
                parallel: [a, ghost]
                then: choose
              - id: a
                end:
              - id: choose
                if: "true"
                then: nowhere
                else: a
              - id: cases
                switch:
                  - when: "false"
                    then: void
                default: missing
              - id: again
                loop: lost
                max: 2
            """);

        Assert.Equal(
            [
                (WorkflowErrorCodes.DanglingTransition, 8, 35),
                (WorkflowErrorCodes.DanglingTransition, 9, 11),
                (WorkflowErrorCodes.DanglingTransition, 11, 18),
                (WorkflowErrorCodes.DanglingTransition, 13, 19),
                (WorkflowErrorCodes.DanglingTransition, 19, 11),
                (WorkflowErrorCodes.DanglingTransition, 24, 15),
                (WorkflowErrorCodes.DanglingTransition, 25, 14),
                (WorkflowErrorCodes.DanglingTransition, 27, 11),
            ],
            errors.Where(e => e.Code == WorkflowErrorCodes.DanglingTransition).Select(Position));
        var first = errors.First(e => e.Code == WorkflowErrorCodes.DanglingTransition);
        Assert.Equal("step 'follow-up' goes to 'stalld' in its timeout, but there is no step 'stalld'; did you mean 'stalled'?", first.Message);
        Assert.Equal("w.yaml:8:35: dangling-transition: " + first.Message, first.ToString());
    }

    [Fact]
    public void End_is_not_a_step_but_the_end_of_the_path()
    {
        Assert.Empty(Validate("steps:\n  - id: a\n    timer: { after: P1D }\n    then: end\n"));
    }

    [Fact]
    public void A_step_no_path_reaches_is_unreachable()
    {
        var errors = Validate(
            """
            steps:
              - id: a
                timer: { after: P1D }
                then: c
              - id: b
                timer: { after: P1D }
              - id: c
                if: "true"
                then: d
                else: end
              - id: orphan
                end:
              - id: d
                end:
            """);

        Assert.Equal([(WorkflowErrorCodes.UnreachableStep, 8, 9), (WorkflowErrorCodes.UnreachableStep, 14, 9)], errors.Select(Position));
        Assert.Contains("step 'b' is never reached", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_without_then_goes_on_to_the_next_one()
    {
        Assert.Empty(Validate("steps:\n  - id: a\n    timer: { after: P1D }\n  - id: b\n    set: { x: 1 }\n  - id: c\n    end:\n"));
    }

    [Fact]
    public void A_wait_for_with_no_where_has_no_correlation()
    {
        var error = Assert.Single(Validate("steps:\n  - id: wait\n    wait-for: ProgressReported\n    then: end\n"));

        Assert.Equal((WorkflowErrorCodes.MissingCorrelation, 5, 5), Position(error));
    }

    [Fact]
    public void Durations_must_be_ISO_8601_or_an_expression_that_parses()
    {
        var errors = Validate(
            """
            settings:
              stallAfter: 45 days
              remindEvery: P45
              checkIn: P1M
            steps:
              - id: a
                timer: { after: P45 }
              - id: b
                timer: { after: 30 }
              - id: c
                timer: { after: settings.stallAfter }
              - id: d
                timer: { after: "settings.stallAfter +" }
              - id: e
                timer: { after: PT12H }
              - id: f
                timer: { after: settings.checkIn }
              - id: g
                timer: { after: p1d }
            """);

        Assert.Equal(
            [
                (WorkflowErrorCodes.InvalidDuration, 5, 15),
                (WorkflowErrorCodes.InvalidDuration, 6, 16),
                (WorkflowErrorCodes.InvalidDuration, 10, 21),
                (WorkflowErrorCodes.InvalidDuration, 12, 21),
                (WorkflowErrorCodes.ExpressionSyntax, 16, 43),
                (WorkflowErrorCodes.InvalidDuration, 22, 21),
            ],
            errors.Select(Position));
        Assert.Contains("used as a duration", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("has no unit", errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_date_is_an_invalid_date()
    {
        var error = Assert.Single(Validate("steps:\n  - id: a\n    timer: { until: 2017-03-21 }\n"));

        Assert.Equal((WorkflowErrorCodes.InvalidDate, 6, 21), Position(error));
    }

    [Fact]
    public void Cron_schedules_need_five_valid_fields()
    {
        var errors = Validate(
            """
            starts-on: { schedule: "0 9 * *" }
            steps:
              - id: a
                timer: { cron: "61 * * * *" }
              - id: b
                timer: { cron: "0 9 1 * *" }
            """);

        Assert.Equal([(WorkflowErrorCodes.InvalidCron, 4, 24), (WorkflowErrorCodes.InvalidCron, 7, 20)], errors.Select(Position));
    }

    [Fact]
    public void A_timer_waits_for_exactly_one_thing()
    {
        var error = Assert.Single(Validate("steps:\n  - id: a\n    timer: { after: P1D, cron: \"0 9 * * *\" }\n"));

        Assert.Equal((WorkflowErrorCodes.InvalidTimer, 5, 5), Position(error));
    }

    [Fact]
    public void An_expression_syntax_error_is_reported_where_it_is_in_the_file()
    {
        var errors = Validate(
            """
            steps:
              - id: a
                if: vars.x ==
                then: b
              - id: b
                notify: owners
                message: "'Commitment ' + + input.id +"
              - id: c
                set:
                  note: >-
                    vars.a &&
                    (vars.b ||
                    vars.c
              - id: d
                notify: owners
                message: Your commitment has stalled
            """);

        Assert.Equal(
            [
                (WorkflowErrorCodes.ExpressionSyntax, 6, 18),
                (WorkflowErrorCodes.ExpressionSyntax, 10, 43),
                (WorkflowErrorCodes.ExpressionSyntax, 16, 15),
                (WorkflowErrorCodes.ExpressionSyntax, 19, 19),
            ],
            errors.Select(Position));
        Assert.Contains("write text as a string", errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Positions_are_the_same_in_a_file_with_Windows_line_ends()
    {
        var yaml = (Header +
            """
            steps:
              - id: a
                set:
                  note: >-
                    vars.a &&
                    (vars.b ||
                    vars.c
                then: nowhere
            """).ReplaceLineEndings("\r\n");

        var errors = WorkflowValidator.Check(yaml, "w.yaml").Errors;

        Assert.Equal([(WorkflowErrorCodes.ExpressionSyntax, 10, 15), (WorkflowErrorCodes.DanglingTransition, 11, 11)], errors.Select(Position));
    }

    [Fact]
    public void A_loop_needs_a_limit()
    {
        var errors = Validate(
            """
            steps:
              - id: again
                loop: body
                while: vars.n < 3
              - id: body
                set: { n: vars.n + 1 }
                then: other
              - id: other
                loop: body
                max: 0
            """);

        Assert.Equal([(WorkflowErrorCodes.LoopWithoutLimit, 5, 5), (WorkflowErrorCodes.LoopWithoutLimit, 13, 10)], errors.Select(Position));
    }

    [Fact]
    public void Duplicate_and_reserved_step_ids_are_reported_at_the_id()
    {
        var errors = Validate(
            """
            steps:
              - id: a
                timer: { after: P1D }
              - id: a
                timer: { after: P1D }
              - id: end
                end:
            """);

        Assert.Equal([(WorkflowErrorCodes.DuplicateStepId, 7, 9), (WorkflowErrorCodes.ReservedStepId, 9, 9)], errors.Select(Position));
        Assert.Contains("first at line 5", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_join_larger_than_the_branches_is_reported_at_the_join()
    {
        var error = Assert.Single(Validate("steps:\n  - id: p\n    parallel: [a, b]\n    join: 3\n  - id: a\n    end:\n  - id: b\n    end:\n"));

        Assert.Equal((WorkflowErrorCodes.JoinExceedsBranches, 7, 11), Position(error));
    }

    [Fact]
    public void Empty_activities_are_reported()
    {
        var errors = Validate("steps:\n  - id: a\n    do: []\n  - id: b\n    parallel: []\n  - id: c\n    set: {}\n  - id: d\n    switch: []\n");

        Assert.Equal(4, errors.Count(e => e.Code == WorkflowErrorCodes.EmptyActivity));
    }

    [Fact]
    public void Settings_and_inputs_must_be_declared()
    {
        var errors = Validate(
            """
            starts-on:
              event: CommitmentRecorded
              inputs: { commitmentId: event.commitmentId, tenant: event.tenantId }
            inputs: [commitmentId]
            settings: { stallAfter: P45D }
            steps:
              - id: a
                wait-for: ProgressReported
                where: event.commitmentId == input.comitmentId
                timeout: { after: settings.stalAfter, then: end }
                then: end
            """);

        Assert.Equal(
            [
                (WorkflowErrorCodes.UndeclaredInput, 6, 47),
                (WorkflowErrorCodes.UndeclaredInput, 12, 40),
                (WorkflowErrorCodes.UndeclaredSetting, 13, 32),
            ],
            errors.Select(Position));
        Assert.Contains("did you mean 'commitmentId'?", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'stallAfter'?", errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_and_validator_errors_come_together_without_cascading()
    {
        var result = WorkflowValidator.Check(
            Header +
            """
            steps:
              - id: a
                wiat-for: ProgressReported
                where: "true"
                then: b
              - id: b
                timer: { after: P1D }
                then: a
            """, "w.yaml");

        // 'a' could not be built, so 'b' going to it is not dangling, and reachability waits for the fix.
        Assert.Equal([(WorkflowErrorCodes.UnknownActivity, 6, 5)], result.Errors.Select(Position));
    }

    [Fact]
    public void Without_the_source_map_errors_point_at_the_step()
    {
        var at = new SourceSpan("code", 3, 1);
        var definition = new WorkflowDefinition("w", 1, "t", null, new ManualTrigger(at), [], new Dictionary<string, string>(),
            new Dictionary<string, Expression>(), [new TimerStep("a", new Expression("P1D", at), null, null, "b", null, at)], at);

        var error = Assert.Single(WorkflowValidator.Validate(definition));

        Assert.Equal(WorkflowErrorCodes.DanglingTransition, error.Code);
        Assert.Equal(at, error.At);
    }

    private static List<WorkflowError> Validate(string body) => WorkflowValidator.Check(Header + body, "w.yaml").Errors.ToList();

    private static (string Code, int Line, int Column) Position(WorkflowError error) => (error.Code, error.At.Line, error.At.Column);
}
