using Network.Workflows.Definitions;
using Network.Workflows.Loading;
using Network.Workflows.Validation;

namespace Network.Workflows.Tests.Loading;

public sealed class WorkflowLoaderTests
{
    // The README's definition, with one step of every activity.
    private const string Readme =
        """
        # yaml-language-server: $schema=schema.json
        id: commitment-lifecycle
        version: 1
        title: From commitment to the forum's progress report and the year-end review
        description: Follows one commitment.
        starts-on:
          event: CommitmentRecorded
          where: event.status != 'withdrawn'
          inputs: { commitmentId: event.commitmentId }
        inputs: [commitmentId, tenantId, dueAt, reviewAt]
        settings:
          stallAfter: P45D
        variables:
          stalls: 0
        steps:
          - id: follow-up
            wait-for: ProgressReported
            where: event.commitmentId == input.commitmentId
            timeout: { after: settings.stallAfter, then: stalled }
            result: progress
            then: follow-up
          - id: stalled
            set: { stalls: vars.stalls + 1 }
          - id: tell
            do: [remind, announce]
            then: choose
          - id: remind
            notify: owners
            message: "'Please report on ' + input.commitmentId"
            retry: { attempts: 3, delay: PT1M, backoff: 2 }
          - id: announce
            publish: CommitmentStalled
            data: { commitmentId: input.commitmentId }
          - id: choose
            if: vars.stalls > 2
            then: climb
            else: ladder
          - id: climb
            escalate: network-coordinator
            level: 3
            message: "'Stalled again'"
            then: end
          - id: ladder
            switch:
              - when: vars.stalls == 1
                then: both
            default: review
          - id: both
            parallel: [report-task, nudge]
            join: 1
            then: child
          - id: report-task
            task: owners
            title: "'Progress report'"
            due: input.dueAt
            result: report
          - id: nudge
            timer:
              after: P1M
            then: end
          - id: child
            call: dependency-wait
            inputs: { commitmentId: input.commitmentId }
            result: child
          - id: again
            loop: review
            while: vars.stalls < 3
            max: 5
          - id: review
            timer:
              cron: "0 9 1 * *"
          - id: broken
            fail: "'unreachable on purpose'"
          - id: done
            end:
        """;

    [Fact]
    public void The_README_example_loads_into_the_model()
    {
        var result = WorkflowLoader.Load(Readme, "readme.yaml");

        Assert.Empty(result.Errors);
        Assert.True(result.Succeeded);
        var definition = result.Definition!;
        Assert.Equal("commitment-lifecycle", definition.Id);
        Assert.Equal(1, definition.Version);
        Assert.Equal("From commitment to the forum's progress report and the year-end review", definition.Title);
        Assert.Equal("Follows one commitment.", definition.Description);
        var trigger = Assert.IsType<EventTrigger>(definition.Trigger);
        Assert.Equal("CommitmentRecorded", trigger.Event);
        Assert.Equal("event.status != 'withdrawn'", trigger.Where!.Source);
        Assert.Equal("event.commitmentId", trigger.Inputs["commitmentId"].Source);
        Assert.Equal(["commitmentId", "tenantId", "dueAt", "reviewAt"], definition.Inputs);
        Assert.Equal("P45D", definition.Settings["stallAfter"]);
        Assert.Equal("0", definition.Variables["stalls"].Source);
        Assert.Equal(16, definition.Steps.Count);

        var wait = Assert.IsType<WaitForStep>(definition.Step("follow-up"));
        Assert.Equal("ProgressReported", wait.Event);
        Assert.Equal("event.commitmentId == input.commitmentId", wait.Where!.Source);
        Assert.Equal(new WaitTimeout(wait.Timeout!.After, "stalled", new SourceSpan("readme.yaml", 19, 14)), wait.Timeout);
        Assert.Equal("settings.stallAfter", wait.Timeout.After.Source);
        Assert.Equal("progress", wait.ResultVariable);
        Assert.Equal("follow-up", wait.Then);
        Assert.Equal("wait-for", wait.Activity);

        var set = Assert.IsType<SetStep>(definition.Step("stalled"));
        Assert.Equal("vars.stalls + 1", set.Values["stalls"].Source);
        Assert.Null(set.Then);

        var sequence = Assert.IsType<SequenceStep>(definition.Step("tell"));
        Assert.Equal(["remind", "announce"], sequence.Steps);
        Assert.Equal("choose", sequence.Then);

        var notify = Assert.IsType<NotifyStep>(definition.Step("remind"));
        Assert.Equal("owners", notify.To);
        Assert.Equal("'Please report on ' + input.commitmentId", notify.Message.Source);
        Assert.Equal(new RetryPolicy(3, TimeSpan.FromMinutes(1), 2), notify.Retry);

        var publish = Assert.IsType<PublishStep>(definition.Step("announce"));
        Assert.Equal("CommitmentStalled", publish.Event);
        Assert.Equal("input.commitmentId", publish.Data["commitmentId"].Source);

        var choose = Assert.IsType<IfStep>(definition.Step("choose"));
        Assert.Equal("vars.stalls > 2", choose.Condition.Source);
        Assert.Equal("climb", choose.IfTrue);
        Assert.Equal("ladder", choose.IfFalse);
        Assert.Null(choose.Then);

        var escalate = Assert.IsType<EscalateStep>(definition.Step("climb"));
        Assert.Equal(("network-coordinator", 3, "'Stalled again'", "end"), (escalate.To, escalate.Level, escalate.Message!.Source, escalate.Then));

        var ladder = Assert.IsType<SwitchStep>(definition.Step("ladder"));
        var only = Assert.Single(ladder.Cases);
        Assert.Equal(("vars.stalls == 1", "both"), (only.When.Source, only.Then));
        Assert.Equal("review", ladder.Default);

        var parallel = Assert.IsType<ParallelStep>(definition.Step("both"));
        Assert.Equal(["report-task", "nudge"], parallel.Branches);
        Assert.Equal(new JoinRule(JoinKind.NOfM, 1), parallel.Join);

        var task = Assert.IsType<TaskStep>(definition.Step("report-task"));
        Assert.Equal(("owners", "'Progress report'", "input.dueAt", "report"), (task.AssignTo, task.Title.Source, task.Due!.Source, task.ResultVariable));

        var nudge = Assert.IsType<TimerStep>(definition.Step("nudge"));
        Assert.Equal("P1M", nudge.After!.Source);
        Assert.Null(nudge.Until);
        Assert.Null(nudge.Cron);

        var call = Assert.IsType<CallStep>(definition.Step("child"));
        Assert.Equal(("dependency-wait", "input.commitmentId", "child"), (call.Workflow, call.Inputs["commitmentId"].Source, call.ResultVariable));

        var loop = Assert.IsType<LoopStep>(definition.Step("again"));
        Assert.Equal(("review", "vars.stalls < 3", 5), (loop.Body, loop.While!.Source, loop.Max));

        Assert.Equal("0 9 1 * *", Assert.IsType<TimerStep>(definition.Step("review")).Cron);
        Assert.Equal("'unreachable on purpose'", Assert.IsType<FailStep>(definition.Step("broken")).Reason.Source);
        Assert.IsType<EndStep>(definition.Step("done"));
    }

    [Fact]
    public void Every_step_and_expression_knows_its_line_and_column()
    {
        var definition = WorkflowLoader.Load(Readme, "readme.yaml").Definition!;

        // The definition starts on line 2, after the schema comment.
        Assert.Equal(new SourceSpan("readme.yaml", 2, 1), definition.At);
        Assert.Equal(new SourceSpan("readme.yaml", 7, 3), definition.Trigger.At);
        var wait = (WaitForStep)definition.Steps[0];
        Assert.Equal(new SourceSpan("readme.yaml", 16, 5), wait.At);
        Assert.Equal(new SourceSpan("readme.yaml", 18, 12), wait.Where!.At);
        Assert.Equal(new SourceSpan("readme.yaml", 19, 23), wait.Timeout!.After.At);
        Assert.Equal(new SourceSpan("readme.yaml", 22, 5), definition.Steps[1].At);
        // A quoted expression's span is its opening quote.
        Assert.Equal(new SourceSpan("readme.yaml", 29, 14), ((NotifyStep)definition.Step("remind")!).Message.At);
        Assert.Equal(new SourceSpan("readme.yaml", 14, 11), definition.Variables["stalls"].At);
    }

    [Fact]
    public void The_source_map_finds_each_character_of_a_folded_or_quoted_expression()
    {
        const string yaml =
            """
            id: w
            version: 1
            title: t
            steps:
              - id: a
                if: >-
                  vars.a &&
                  vars.b
                then: end
              - id: b
                notify: owners
                message: "'say \"hi\" ' + vars.c"
            """;
        var result = WorkflowLoader.Load(yaml, "w.yaml");
        var condition = ((IfStep)result.Definition!.Steps[0]).Condition;
        var message = ((NotifyStep)result.Definition.Steps[1]).Message;

        Assert.Equal("vars.a && vars.b", condition.Source);
        Assert.Equal(new SourceSpan("w.yaml", 7, 7), result.SourceMap.Locate(condition, 0));
        Assert.Equal(new SourceSpan("w.yaml", 8, 7), result.SourceMap.Locate(condition, condition.Source.IndexOf("vars.b", StringComparison.Ordinal)));
        Assert.Equal("'say \"hi\" ' + vars.c", message.Source);
        Assert.Equal(new SourceSpan("w.yaml", 12, 31), result.SourceMap.Locate(message, message.Source.IndexOf("vars.c", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_notify_step_may_name_the_contact_role_that_gets_it_by_email_and_it_must_be_text()
    {
        const string yaml =
            """
            id: w
            version: 1
            title: t
            steps:
              - id: tell
                notify: tenant-coordinator
                contacts: focal point
                message: "'hello'"
              - id: tell-everyone
                notify: owners
                message: "'hello'"
            """;
        var definition = WorkflowLoader.Load(yaml, "w.yaml").Definition!;

        Assert.Equal("focal point", ((NotifyStep)definition.Step("tell")!).Contacts);
        Assert.Null(((NotifyStep)definition.Step("tell-everyone")!).Contacts);
        foreach (var wrong in new[] { "contacts: [a, b]", "contacts: ''" })
        {
            var broken = WorkflowLoader.Load(yaml.Replace("contacts: focal point", wrong, StringComparison.Ordinal), "w.yaml");
            Assert.False(broken.Succeeded);
            Assert.Contains(broken.Errors, e => e.Message.Contains("contacts", StringComparison.Ordinal) && e.At.Line == 7);
        }
    }

    [Fact]
    public void Starts_on_may_be_manual_an_event_name_or_a_schedule_and_is_manual_when_left_out()
    {
        Assert.IsType<ManualTrigger>(Load("starts-on: manual").Trigger);
        Assert.Equal("CommitmentRecorded", Assert.IsType<EventTrigger>(Load("starts-on: CommitmentRecorded").Trigger).Event);
        Assert.Equal("0 9 1 * *", Assert.IsType<ScheduleTrigger>(Load("starts-on: { schedule: \"0 9 1 * *\" }").Trigger).Cron);
        Assert.IsType<ManualTrigger>(Load("").Trigger);

        static WorkflowDefinition Load(string trigger)
        {
            var result = WorkflowLoader.Load($"id: w\nversion: 1\ntitle: t\n{trigger}\nsteps:\n  - id: a\n    end:\n", "w.yaml");
            Assert.Empty(result.Errors);
            return result.Definition!;
        }
    }

    [Fact]
    public void Join_is_all_by_default_and_any_or_a_count_when_given()
    {
        Assert.Equal(JoinRule.All, Join(""));
        Assert.Equal(JoinRule.All, Join("join: all"));
        Assert.Equal(JoinRule.Any, Join("join: any"));
        Assert.Equal(new JoinRule(JoinKind.NOfM, 2), Join("join: 2"));

        static JoinRule Join(string join)
        {
            var yaml = $"id: w\nversion: 1\ntitle: t\nsteps:\n  - id: p\n    parallel: [a, b]\n    {join}\n  - id: a\n    end:\n  - id: b\n    end:\n";
            var result = WorkflowLoader.Load(yaml, "w.yaml");
            Assert.Empty(result.Errors);
            return ((ParallelStep)result.Definition!.Steps[0]).Join;
        }
    }

    [Fact]
    public void Duration_values_are_kept_as_written_literal_or_expression()
    {
        var result = WorkflowLoader.Load(
            """
            id: w
            version: 1
            title: t
            steps:
              - id: a
                timer: { after: P1M }
              - id: b
                timer: { after: "vars.wait" }
            """, "w.yaml");

        Assert.Empty(result.Errors);
        Assert.Equal("P1M", ((TimerStep)result.Definition!.Steps[0]).After!.Source);
        Assert.Equal("vars.wait", ((TimerStep)result.Definition.Steps[1]).After!.Source);
    }

    // ---- errors: each with its code, line and column ----------------------------------------------------------

    [Fact]
    public void A_YAML_syntax_error_is_reported_at_YamlDotNet_s_mark()
    {
        var error = Assert.Single(Errors(
            """
            id: w
            version: 1
            title: 'unclosed
            steps: []
            """));

        Assert.Equal((WorkflowErrorCodes.YamlSyntax, 3, 8), (error.Code, error.At.Line, error.At.Column));
    }

    [Fact]
    public void A_plain_value_with_a_colon_in_it_is_a_YAML_error_on_its_line()
    {
        var error = Assert.Single(Errors(
            """
            id: w
            version: 1
            title: t
            steps:
              - id: a
                set:
                  status: vars.review ? vars.review.status : 'none'
            """));

        Assert.Equal((WorkflowErrorCodes.YamlSyntax, 7), (error.Code, error.At.Line));
    }

    [Fact]
    public void An_unclosed_flow_list_is_a_YAML_error_not_an_exception()
    {
        var error = Assert.Single(Errors("id: w\nsteps: [a, b\nversion: 1\n"));

        Assert.Equal(WorkflowErrorCodes.YamlSyntax, error.Code);
        Assert.True(error.At.Line >= 2);
    }

    [Fact]
    public void An_alias_before_its_anchor_is_a_YAML_error_not_the_end_of_the_process()
    {
        // Two such aliases as keys of one mapping sent YamlDotNet's document model into an endless recursion (a stack
        // overflow, which ends the process: found by the mutated-definition property test).
        var error = Assert.Single(Errors("id: w\nversion: 1\n*a : 1\n*a : 2\nb: &a x\n"));

        Assert.Equal((WorkflowErrorCodes.YamlSyntax, 3, 1), (error.Code, error.At.Line, error.At.Column));
        Assert.Contains("*a comes before its anchor &a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_after_its_anchor_is_read_as_the_anchored_node()
    {
        var loaded = WorkflowLoader.Load(
            """
            id: w
            version: 1
            title: &t Welcoming societies
            description: *t
            steps:
              - id: a
                set: { x: "1" }
            """, "w.yaml");

        Assert.Empty(loaded.Errors);
        Assert.Equal("Welcoming societies", loaded.Definition!.Description);
    }

    [Fact]
    public void A_duplicate_key_is_a_YAML_error_at_the_second_key()
    {
        var error = Assert.Single(Errors("id: w\nversion: 1\ntitle: t\ntitle: u\nsteps:\n  - id: a\n    end:\n"));

        Assert.Equal((WorkflowErrorCodes.YamlSyntax, 4, 1), (error.Code, error.At.Line, error.At.Column));
        Assert.Contains("title", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void An_empty_file_is_an_error(string yaml)
    {
        var result = WorkflowLoader.Load(yaml, "w.yaml");

        Assert.Null(result.Definition);
        Assert.Equal((WorkflowErrorCodes.EmptyFile, 1, 1), Single(result.Errors));
    }

    [Fact]
    public void A_second_document_is_an_error()
    {
        var errors = Errors("id: w\nversion: 1\ntitle: t\nsteps:\n  - id: a\n    end:\n---\nid: v\n");

        Assert.Equal((WorkflowErrorCodes.MultipleDocuments, 8, 1), Single(errors));
    }

    [Fact]
    public void A_file_that_is_a_list_is_not_a_definition()
    {
        Assert.Equal((WorkflowErrorCodes.WrongType, 1, 1), Single(Errors("- id: a\n")));
    }

    [Fact]
    public void Missing_id_version_title_and_steps_are_each_reported()
    {
        var errors = Errors("description: nothing else\n");

        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.Equal((WorkflowErrorCodes.MissingKey, 1, 1), (e.Code, e.At.Line, e.At.Column)));
        Assert.Contains(errors, e => e.Message.Contains("'id'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("'version'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("'title'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("'steps'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_id_a_bad_version_and_an_empty_step_list_are_invalid_values()
    {
        var errors = Errors("id: Commitment Lifecycle\nversion: 0\ntitle: t\nsteps: []\n");

        Assert.Equal(
            [(WorkflowErrorCodes.InvalidValue, 1, 5), (WorkflowErrorCodes.InvalidValue, 2, 10), (WorkflowErrorCodes.InvalidValue, 4, 8)],
            errors.Select(Position));
    }

    [Fact]
    public void A_version_that_is_not_a_number_is_a_wrong_type()
    {
        Assert.Equal((WorkflowErrorCodes.WrongType, 2, 10), Single(Errors("id: w\nversion: one\ntitle: t\nsteps:\n  - id: a\n    end:\n")));
    }

    [Fact]
    public void A_step_with_no_id_is_reported_at_the_step()
    {
        var errors = Errors(
            """
            id: w
            version: 1
            title: t
            steps:
              - id: a
                timer: { after: P1D }
              - notify: owners
                message: "'hello'"
            """);

        var error = Assert.Single(errors);
        Assert.Equal((WorkflowErrorCodes.MissingKey, 7, 5), Position(error));
        Assert.Contains("step 2 has no id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_activity_is_unknown_with_a_suggestion()
    {
        var error = Assert.Single(Errors(
            """
            id: w
            version: 1
            title: t
            steps:
              - id: follow-up
                wiat-for: ProgressReported
                where: event.id == input.id
            """));

        Assert.Equal((WorkflowErrorCodes.UnknownActivity, 6, 5), Position(error));
        Assert.Equal("unknown activity 'wiat-for'; did you mean 'wait-for'?", error.Message);
    }

    [Fact]
    public void An_activity_nothing_like_a_known_one_lists_them_all()
    {
        var error = Assert.Single(Errors("id: w\nversion: 1\ntitle: t\nsteps:\n  - id: a\n    celebrate: loudly\n"));

        Assert.Equal((WorkflowErrorCodes.UnknownActivity, 6, 5), Position(error));
        Assert.Contains("wait-for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_with_no_activity_is_reported()
    {
        var error = Assert.Single(Errors("id: w\nversion: 1\ntitle: t\nsteps:\n  - id: a\n    then: end\n"));

        Assert.Equal((WorkflowErrorCodes.MissingActivity, 5, 5), Position(error));
        Assert.Contains("step 'a' has no activity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_with_two_activities_is_reported_at_the_second()
    {
        var error = Assert.Single(Errors(
            """
            id: w
            version: 1
            title: t
            steps:
              - id: a
                notify: owners
                message: "'hi'"
                escalate: network-coordinator
            """));

        Assert.Equal((WorkflowErrorCodes.MultipleActivities, 8, 5), Position(error));
        Assert.Contains("'notify', 'escalate'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_reported_at_every_level()
    {
        var errors = Errors(
            """
            id: w
            version: 1
            titel: t
            title: t
            starts-on:
              event: CommitmentRecorded
              were: event.x
            steps:
              - id: a
                wait-for: ProgressReported
                where: event.id == input.id
                timeout: { after: P7D, then: b, els: c }
                thne: b
                retry: { attempts: 2, dealy: PT1M }
              - id: b
                timer: { after: P1D, unitl: x }
              - id: c
                switch:
                  - when: "true"
                    then: b
                    else: c
              - id: d
                end:
                then: a
            """);

        Assert.Equal(
            [
                (WorkflowErrorCodes.UnknownKey, 3, 1),
                (WorkflowErrorCodes.UnknownKey, 7, 3),
                (WorkflowErrorCodes.UnknownKey, 12, 37),
                (WorkflowErrorCodes.UnknownKey, 13, 5),
                (WorkflowErrorCodes.UnknownKey, 14, 27),
                (WorkflowErrorCodes.UnknownKey, 16, 26),
                (WorkflowErrorCodes.UnknownKey, 21, 9),
                (WorkflowErrorCodes.UnknownKey, 24, 5),
            ],
            errors.Select(Position));
        Assert.Contains("did you mean 'title'?", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'where'?", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'then'?", errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'delay'?", errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'until'?", errors[5].Message, StringComparison.Ordinal);
        Assert.Contains("'then' does not apply to an 'end' step", errors[7].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_of_the_wrong_kind_are_reported_where_they_are()
    {
        var errors = Errors(
            """
            id: w
            version: 1
            title: [not, text]
            inputs: commitmentId
            settings: [a]
            steps:
              - id: a
                do: b
              - id: b
                notify: owners
                message: { text: hi }
              - id: c
                loop: a
                max: many
            """);

        Assert.Equal(
            [
                (WorkflowErrorCodes.WrongType, 3, 8),
                (WorkflowErrorCodes.WrongType, 4, 9),
                (WorkflowErrorCodes.WrongType, 5, 11),
                (WorkflowErrorCodes.WrongType, 8, 9),
                (WorkflowErrorCodes.WrongType, 11, 14),
                (WorkflowErrorCodes.WrongType, 14, 10),
            ],
            errors.Select(Position));
    }

    [Fact]
    public void Required_keys_of_activities_are_reported()
    {
        var errors = Errors(
            """
            id: w
            version: 1
            title: t
            steps:
              - id: a
                if: vars.x
              - id: b
                notify: owners
              - id: c
                task: owners
              - id: d
                wait-for: ProgressReported
                where: "true"
                timeout: { after: P1D }
              - id: e
                timer:
              - id: f
                publish:
            """);

        Assert.Equal(
            [
                (WorkflowErrorCodes.MissingKey, 5, 5),
                (WorkflowErrorCodes.MissingKey, 7, 5),
                (WorkflowErrorCodes.MissingKey, 9, 5),
                (WorkflowErrorCodes.MissingKey, 14, 14),
                (WorkflowErrorCodes.MissingKey, 16, 11),
                (WorkflowErrorCodes.MissingKey, 18, 13),
            ],
            errors.Select(Position));
    }

    [Fact]
    public void Bad_values_are_invalid()
    {
        var errors = Errors(
            """
            id: w
            version: 1
            title: t
            starts-on: manaul
            steps:
              - id: a
                parallel: [b]
                join: anny
              - id: b
                escalate: owners
                level: 0
                retry: { attempts: 0, delay: P1M, backoff: 0.5 }
              - id: c
                end: now
            """);

        Assert.Equal(
            [
                (WorkflowErrorCodes.InvalidValue, 4, 12),
                (WorkflowErrorCodes.InvalidValue, 8, 11),
                (WorkflowErrorCodes.InvalidValue, 11, 12),
                (WorkflowErrorCodes.InvalidValue, 12, 24),
                (WorkflowErrorCodes.InvalidDuration, 12, 34),
                (WorkflowErrorCodes.InvalidValue, 12, 48),
                (WorkflowErrorCodes.InvalidValue, 14, 10),
            ],
            errors.Select(Position));
        Assert.Contains("did you mean 'manual'?", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'any'?", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_with_errors_is_left_out_but_the_rest_of_the_definition_is_built()
    {
        var result = WorkflowLoader.Load("id: w\nversion: 1\ntitle: t\nsteps:\n  - id: a\n    notify: owners\n  - id: b\n    end:\n", "w.yaml");

        Assert.False(result.Succeeded);
        Assert.Equal(["b"], result.Definition!.Steps.Select(s => s.Id));
        Assert.Contains("a", result.SourceMap.UnbuiltStepIds);
    }

    [Fact]
    public async Task A_missing_file_is_an_error_not_an_exception()
    {
        var result = await WorkflowLoader.LoadFileAsync(Path.Combine(Path.GetTempPath(), $"none-{Guid.NewGuid():N}.yaml"));

        Assert.Null(result.Definition);
        Assert.Equal(WorkflowErrorCodes.UnreadableFile, Assert.Single(result.Errors).Code);
    }

    private static List<WorkflowError> Errors(string yaml) => WorkflowLoader.Load(yaml, "w.yaml").Errors.ToList();

    private static (string Code, int Line, int Column) Position(WorkflowError error) => (error.Code, error.At.Line, error.At.Column);

    private static (string Code, int Line, int Column) Single(IEnumerable<WorkflowError> errors) => Position(Assert.Single(errors));
}
