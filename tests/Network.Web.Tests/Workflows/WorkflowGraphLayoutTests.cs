using Network.Web.Workflows;

namespace Network.Web.Tests.Workflows;

public sealed class WorkflowGraphLayoutTests
{
    public static TheoryData<string> Graphs => new() { "commitment-lifecycle", "dependency-wait", "campaign-launch", "branchy" };

    private static WorkflowGraphModel Graph(string name) =>
        WorkflowGraphModel.From(name == "branchy" ? Definitions.Load(Definitions.Branchy) : Definitions.Library(name));

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Every_node_is_placed_and_no_two_overlap(string name)
    {
        var graph = Graph(name);

        var layout = WorkflowGraphLayout.Arrange(graph);

        Assert.Equal(graph.Nodes.Select(n => n.StepId), layout.Placements.Select(p => p.StepId));
        foreach (var a in layout.Placements)
        {
            Assert.InRange(a.X + a.Width, 0, layout.Width);
            Assert.InRange(a.Y + a.Height, 0, layout.Height);
            foreach (var b in layout.Placements.Where(b => b != a))
            {
                var apart = a.X + a.Width <= b.X || b.X + b.Width <= a.X || a.Y + a.Height <= b.Y || b.Y + b.Height <= a.Y;
                Assert.True(apart, $"{a.StepId} overlaps {b.StepId}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Every_edge_but_a_back_edge_points_down_a_layer(string name)
    {
        var graph = Graph(name);

        var layout = WorkflowGraphLayout.Arrange(graph);

        foreach (var edge in graph.Edges.Except(layout.BackEdges))
        {
            Assert.True(layout.Placement(edge.From)!.Layer < layout.Placement(edge.To)!.Layer, $"{edge.From} -> {edge.To}");
        }
        // Back-edges are exactly what closes a cycle: following one leads back up.
        Assert.All(layout.BackEdges, e => Assert.True(layout.Placement(e.From)!.Layer >= layout.Placement(e.To)!.Layer));
    }

    [Fact]
    public void The_first_step_is_on_top_and_the_loops_of_commitment_lifecycle_are_back_edges()
    {
        var layout = WorkflowGraphLayout.Arrange(Graph("commitment-lifecycle"));

        Assert.Equal(0, layout.Placement("follow-the-commitment")!.Layer);
        Assert.Contains(layout.BackEdges, e => e.From == "progress-received" && e.To == "watch-for-progress");
        Assert.Contains(layout.BackEdges, e => e.From == "ask-the-owners" && e.To == "monthly-check-in");
    }

    [Theory]
    [InlineData("commitment-lifecycle", "follow-the-commitment")]
    [InlineData("branchy", "fork")]
    public void Parallel_branches_are_side_by_side(string name, string parallel)
    {
        var graph = Graph(name);

        var layout = WorkflowGraphLayout.Arrange(graph);

        var branches = graph.Edges.Where(e => e.From == parallel && e.Kind == GraphEdgeKind.Branch).Select(e => layout.Placement(e.To)!).ToList();
        Assert.True(branches.Count >= 2);
        Assert.Single(branches.Select(b => b.Y).Distinct());
        Assert.Equal(branches.Count, branches.Select(b => b.X).Distinct().Count());
    }

    [Fact]
    public void The_same_graph_is_laid_out_the_same_way_every_time()
    {
        var first = WorkflowGraphLayout.Arrange(Graph("commitment-lifecycle"));
        var second = WorkflowGraphLayout.Arrange(Graph("commitment-lifecycle"));

        Assert.Equal(first.Placements, second.Placements);
    }

    [Fact]
    public void Barycentres_put_a_child_under_its_parent_rather_than_in_file_order()
    {
        // Two chains, declared interleaved: a1 a2 b1 b2 would cross if each row kept file order (b2 before a2).
        var graph = WorkflowGraphModel.From(Definitions.Load("""
            id: chains
            version: 1
            title: Two chains
            starts-on:
              event: Started
            steps:
              - id: start
                parallel: [a1, b1]
                then: end
              - id: b2
                notify: owners
                message: "'b2'"
                then: end
              - id: a1
                notify: owners
                message: "'a1'"
                then: a2
              - id: b1
                notify: owners
                message: "'b1'"
                then: b2
              - id: a2
                notify: owners
                message: "'a2'"
                then: end
            """));

        var layout = WorkflowGraphLayout.Arrange(graph);

        Assert.True(layout.Placement("a1")!.X < layout.Placement("b1")!.X);
        Assert.True(layout.Placement("a2")!.X < layout.Placement("b2")!.X);
    }
}
