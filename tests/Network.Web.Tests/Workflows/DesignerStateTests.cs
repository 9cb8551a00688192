using Network.Web.Workflows;
using Network.Workflows.Loading;
using Network.Workflows.Validation;

namespace Network.Web.Tests.Workflows;

public sealed class DesignerStateTests
{
    private const string Small = """
        id: small
        version: 1
        title: Small
        starts-on:
          event: Started
        steps:
          - id: ask
            notify: owners
            message: "'How is it going?'"
            then: wait
          - id: wait
            timer:
              after: P1D
            then: done
          - id: done
            end:
        """;

    [Fact]
    public void Typing_yaml_updates_the_graph()
    {
        var state = new DesignerState(Small);
        var changes = 0;
        state.Changed += () => changes++;

        state.SetYaml(Small.Replace("then: wait\n", "then: done\n", StringComparison.Ordinal));

        Assert.Equal(1, changes);
        Assert.Contains(state.Graph!.Edges, e => e is { From: "ask", To: "done", Kind: GraphEdgeKind.Next });
        Assert.DoesNotContain(state.Graph.Edges, e => e is { From: "ask", To: "wait" });
        Assert.Contains(state.Problems, p => p.Code == WorkflowErrorCodes.UnreachableStep);
    }

    [Fact]
    public void An_error_becomes_a_problem_at_its_line_and_column_and_outlines_its_step()
    {
        var broken = Small.Replace("after: P1D", "after: settings.often", StringComparison.Ordinal);

        var state = new DesignerState(broken);

        var problem = Assert.Single(state.Problems);
        Assert.Equal(WorkflowErrorCodes.UndeclaredSetting, problem.Code);
        Assert.Equal(13, problem.Line);
        Assert.Equal(23, problem.Column); // the undeclared setting's name, inside the expression
        Assert.Equal(["wait"], state.StepsWithErrors);
    }

    [Fact]
    public void An_alias_before_its_anchor_is_refused_with_its_line_and_ends_no_process()
    {
        var state = new DesignerState(Small);

        // Two such aliases as keys of one mapping recursed without end in YamlDotNet's document model.
        state.SetYaml(Small.Replace("title: Small\n", "title: Small\n*a : 1\n*a : 2\nb: &a x\n", StringComparison.Ordinal));

        Assert.True(state.GraphIsStale);
        Assert.Contains(state.Problems, p => p.Code == WorkflowErrorCodes.YamlSyntax && p.Line == 4);
        var outcome = state.Connect("ask", "done");
        Assert.False(outcome.Applied);
        Assert.Equal("*a comes before its anchor &a (or there is none): an alias may only repeat a node anchored above it (line 4): fix it in the editor first",
            outcome.Reason);
    }

    [Fact]
    public void Broken_yaml_keeps_the_last_graph_marked_stale_and_refuses_graph_edits()
    {
        var state = new DesignerState(Small);

        state.SetYaml(Small + "  - id: [unclosed\n");

        Assert.True(state.GraphIsStale);
        Assert.Equal(3, state.Graph!.Nodes.Count);
        Assert.Contains(state.Problems, p => p.Code == WorkflowErrorCodes.YamlSyntax && p.Line > 1);
        var before = state.Yaml;
        var outcome = state.Connect("ask", "done");
        Assert.False(outcome.Applied);
        Assert.Contains("does not parse", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(before, state.Yaml);
    }

    [Fact]
    public void Connecting_on_the_graph_rewrites_then_in_the_yaml()
    {
        var state = new DesignerState(Small);

        var outcome = state.Connect("ask", "done");

        Assert.True(outcome.Applied);
        Assert.Equal(Small.Replace("then: wait\n", "then: done\n", StringComparison.Ordinal) + "\n", state.Yaml);
        var reloaded = WorkflowLoader.Load(state.Yaml, "x.yaml");
        Assert.Equal("done", reloaded.Definition!.Step("ask")!.Then);
        Assert.Contains(state.Graph!.Edges, e => e is { From: "ask", To: "done" });
    }

    [Fact]
    public void Adding_a_step_after_the_selected_one_puts_it_into_the_path()
    {
        var state = new DesignerState(Small);
        state.Select("ask");

        var outcome = state.AddStepAfter("ask", "escalate");

        Assert.True(outcome.Applied, outcome.Reason);
        Assert.Equal("new-escalate-1", state.SelectedStepId);
        var definition = Definitions.Load(state.Yaml);
        Assert.Equal(["ask", "new-escalate-1", "wait", "done"], definition.Steps.Select(s => s.Id));
        Assert.Equal("new-escalate-1", definition.Step("ask")!.Then);
        Assert.Equal("wait", definition.Step("new-escalate-1")!.Then);
        Assert.Empty(state.Problems);
    }

    [Fact]
    public void Every_kind_the_graph_adds_loads_back_as_that_kind()
    {
        foreach (var activity in StepTemplates.Activities)
        {
            var state = new DesignerState(Small);

            Assert.True(state.AddStepAfter("wait", activity).Applied);

            var result = WorkflowLoader.Load(state.Yaml, "x.yaml");
            Assert.True(result.Errors.Count == 0, activity + ": " + string.Join("; ", result.Errors) + "\n" + state.Yaml);
            Assert.Equal(activity, result.Definition!.Step($"new-{activity}-1")!.Activity);
        }
    }

    [Fact]
    public void Removing_a_step_that_others_go_to_is_refused_with_who_names_it()
    {
        var state = new DesignerState(Small);
        var before = state.Yaml;

        var outcome = state.RemoveStep("wait");

        Assert.False(outcome.Applied);
        Assert.Equal("'wait' cannot be removed while other steps go to it: ask (then)", outcome.Reason);
        Assert.Equal(before, state.Yaml);
    }

    [Fact]
    public void Removing_a_step_nobody_names_takes_it_out_of_the_yaml_and_the_graph()
    {
        var state = new DesignerState(Small);
        Assert.True(state.AddStepAfter(null, "notify").Applied);

        var outcome = state.RemoveStep("new-notify-1");

        Assert.True(outcome.Applied, outcome.Reason);
        Assert.DoesNotContain("new-notify-1", state.Yaml, StringComparison.Ordinal);
        Assert.Null(state.Graph!.Node("new-notify-1"));
        Assert.Null(state.SelectedStepId);
    }

    [Fact]
    public void The_form_shows_the_selected_steps_fields_and_saving_it_rewrites_them()
    {
        var state = new DesignerState(Definitions.LibraryYaml("commitment-lifecycle"));
        state.Select("watch-for-progress");

        var form = state.SelectedForm()!;

        Assert.Equal("wait-for", form.Activity);
        Assert.Contains(new StepField("where", "event.commitmentId == input.commitmentId"), form.Fields);
        Assert.Contains(new StepField("timeout.after", "settings.stallAfter"), form.Fields);
        var edited = form.Fields.Select(f => f.Key switch
        {
            "id" => f with { Value = "watch" },
            "timeout.after" => f with { Value = "P10D" },
            _ => f,
        }).ToList();

        var outcome = state.UpdateStep("watch-for-progress", edited);

        Assert.True(outcome.Applied, outcome.Reason);
        Assert.Equal("watch", state.SelectedStepId);
        var definition = Definitions.Load(state.Yaml);
        var watch = Assert.IsType<Network.Workflows.Definitions.WaitForStep>(definition.Step("watch"));
        Assert.Equal("P10D", watch.Timeout!.After.Source);
        // Every step that went to the old id now goes to the new one.
        Assert.Equal("watch", definition.Step("progress-received")!.Then);
        Assert.Contains("watch", ((Network.Workflows.Definitions.ParallelStep)definition.Step("follow-the-commitment")!).Branches);
        Assert.Empty(state.Problems);
    }

    [Fact]
    public void Renaming_a_step_to_an_id_in_use_is_refused()
    {
        var state = new DesignerState(Small);

        var outcome = state.UpdateStep("ask", [new StepField("id", "wait")]);

        Assert.False(outcome.Applied);
        Assert.Equal("another step already has the id 'wait'", outcome.Reason);
    }

    [Fact]
    public void Server_problems_for_older_text_are_ignored()
    {
        var state = new DesignerState(Small);
        var old = state.Yaml;
        state.SetYaml(Small.Replace("title: Small", "title: Smaller", StringComparison.Ordinal));

        state.SetServerProblems(old, [new DesignerProblem(1, 1, "unknown-workflow", "stale")]);
        Assert.Empty(state.Problems);

        state.SetServerProblems(state.Yaml, [new DesignerProblem(8, 5, "unknown-workflow", "fresh")]);
        Assert.Equal("fresh", Assert.Single(state.Problems).Message);
        Assert.True(state.StepsWithErrors.SetEquals(["ask"]), string.Join(",", state.StepsWithErrors) + state.Yaml);
    }
}
