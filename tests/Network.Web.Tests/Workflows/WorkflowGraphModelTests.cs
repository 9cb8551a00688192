using Network.Web.Workflows;

namespace Network.Web.Tests.Workflows;

public sealed class WorkflowGraphModelTests
{
    [Fact]
    public void Every_step_of_commitment_lifecycle_is_a_node_with_its_activity_and_line()
    {
        var definition = Definitions.Library("commitment-lifecycle");

        var graph = WorkflowGraphModel.From(definition);

        Assert.Equal(definition.Steps.Select(s => s.Id), graph.Nodes.Select(n => n.StepId));
        Assert.Equal(definition.Steps.Select(s => s.Activity), graph.Nodes.Select(n => n.Activity));
        Assert.All(graph.Nodes, n => Assert.True(n.Line > 0));
        Assert.Equal("wait for ProgressReported", graph.Node("watch-for-progress")!.Summary);
    }

    [Fact]
    public void Two_readings_of_one_workflow_have_the_same_shape_and_a_changed_transition_does_not()
    {
        var definition = Definitions.Library("commitment-lifecycle");
        var first = WorkflowGraphModel.From(definition);
        var again = WorkflowGraphModel.From(definition);
        var stalled = (Network.Workflows.Definitions.SetStep)definition.Step("stalled")!;
        var changed = WorkflowGraphModel.From(definition with
        {
            Steps = definition.Steps.Select(s => s.Id == "stalled" ? stalled with { Then = "ask-the-owners" } : s).ToList(),
        });

        Assert.True(first.SameShape(again));
        Assert.False(first.SameShape(changed));
    }

    [Fact]
    public void Every_transition_to_a_step_is_an_edge()
    {
        var definition = Definitions.Library("commitment-lifecycle");

        var graph = WorkflowGraphModel.From(definition);

        var ids = definition.Steps.Select(s => s.Id).ToHashSet();
        foreach (var step in definition.Steps)
        {
            foreach (var (target, _) in step.Transitions().Where(t => ids.Contains(t.Target)))
            {
                Assert.Contains(graph.Edges, e => e.From == step.Id && e.To == target);
            }
        }
        Assert.Contains(graph.Edges, e => e is { From: "watch-for-progress", To: "stalled", Kind: GraphEdgeKind.Timeout, Label: "after settings.stallAfter" });
        Assert.Equal(["watch-for-progress", "monthly-check-in", "forum-and-year-end"],
            graph.Edges.Where(e => e.From == "follow-the-commitment" && e.Kind == GraphEdgeKind.Branch).Select(e => e.To));
        // before-the-forum names no 'then': it goes on to the next step in the file.
        Assert.Contains(graph.Edges, e => e is { From: "before-the-forum", To: "forum-progress-report", Kind: GraphEdgeKind.FallThrough });
        // 'then: end' ends the path: no edge.
        Assert.DoesNotContain(graph.Edges, e => e.From == "forum-and-year-end" && e.Kind == GraphEdgeKind.Next);
    }

    [Fact]
    public void Each_kind_of_transition_gets_its_edge_kind()
    {
        var graph = WorkflowGraphModel.From(Definitions.Load(Definitions.Branchy));

        Assert.Contains(graph.Edges, e => e is { From: "fork", To: "wait-answer", Kind: GraphEdgeKind.Branch });
        Assert.Contains(graph.Edges, e => e is { From: "fork", To: "decide", Kind: GraphEdgeKind.Next });
        Assert.Contains(graph.Edges, e => e is { From: "wait-answer", To: "nudge", Kind: GraphEdgeKind.Timeout });
        Assert.Contains(graph.Edges, e => e is { From: "decide", To: "repeat", Kind: GraphEdgeKind.Condition, Label: "true" });
        Assert.Contains(graph.Edges, e => e is { From: "decide", To: "done", Kind: GraphEdgeKind.Condition, Label: "false" });
        Assert.Contains(graph.Edges, e => e is { From: "repeat", To: "tick", Kind: GraphEdgeKind.LoopBody });
        Assert.Contains(graph.Edges, e => e is { From: "count-down", To: "tick", Kind: GraphEdgeKind.FallThrough });
        // An if with an else names every outcome: it does not fall through.
        Assert.DoesNotContain(graph.Edges, e => e.From == "decide" && e.Kind == GraphEdgeKind.FallThrough);
    }
}
