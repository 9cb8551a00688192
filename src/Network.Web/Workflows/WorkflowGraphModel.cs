using Network.Workflows.Definitions;
using Network.Workflows.Loading;

namespace Network.Web.Workflows;

/// <summary>Why one step leads to another; decides how the edge is drawn (a timeout is dashed).</summary>
public enum GraphEdgeKind
{
    /// <summary>The step's <c>then</c>.</summary>
    Next,

    /// <summary>No <c>then</c>: the step goes on to the next step in the file.</summary>
    FallThrough,

    /// <summary>One branch of a <c>parallel</c>.</summary>
    Branch,

    /// <summary>An outcome of an <c>if</c> (true/false) or a <c>switch</c> (a case or the default).</summary>
    Condition,

    /// <summary>Where a <c>wait-for</c> goes when nothing came in time.</summary>
    Timeout,

    /// <summary>The body of a <c>loop</c>.</summary>
    LoopBody,

    /// <summary>One step of a <c>do</c> sequence, in order.</summary>
    Sequence,
}

/// <summary>One step as the graph shows it: its id, activity keyword, a one-line summary, and where it is in the YAML.</summary>
public sealed record GraphNode(string StepId, string Activity, string Summary, int Line, int Column)
{
    /// <summary>Whether this step finishes its path (it has no <c>then</c> to set), so nothing can be connected from it.</summary>
    public bool EndsThePath => ActivityEndsThePath(Activity);

    /// <summary>The one home of the rule: <c>end</c> and <c>fail</c> go nowhere.</summary>
    public static bool ActivityEndsThePath(string? activity) => activity is "end" or "fail";
}

/// <summary>A transition from one step to another. <see cref="Label"/> says which outcome it is ("true", "case 2", "after P7D"), or is empty.</summary>
public sealed record GraphEdge(string From, string To, GraphEdgeKind Kind, string Label);

/// <summary>
/// The steps of a definition as nodes and every transition between them as edges — the same transitions the
/// validator follows (a step's <c>then</c>, its kind's own targets, and the fall-through to the next step in the
/// file when it names no <c>then</c>). Transitions to <c>end</c> or to a step that does not exist draw nothing: the
/// validator reports the dangling ones. Pure data, no Blazor, so it is unit-tested on its own.
/// </summary>
public sealed class WorkflowGraphModel
{
    private WorkflowGraphModel(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>One node per step id, in file order (a duplicated id, which the validator reports, is drawn once).</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>Every transition, grouped by the step it leaves, in the order the step names them.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

    /// <summary>
    /// The same steps and transitions (the designer makes a new model for every readable text, e.g. when the editor
    /// hands back the same workflow differently spaced): the canvas need not be drawn again, which would also cut
    /// short a drag in progress.
    /// </summary>
    public bool SameShape(WorkflowGraphModel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Nodes.SequenceEqual(other.Nodes) && Edges.SequenceEqual(other.Edges);
    }

    public GraphNode? Node(string stepId) => Nodes.FirstOrDefault(n => n.StepId == stepId);

    public static WorkflowGraphModel From(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var steps = definition.Steps;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<GraphNode>();
        foreach (var step in steps.Where(s => ids.Add(s.Id)))
        {
            nodes.Add(new GraphNode(step.Id, step.Activity, StepSummary.Of(step), step.At.Line, step.At.Column));
        }
        var edges = new List<GraphEdge>();
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (!drawn.Add(step.Id))
            {
                continue;
            }
            var next = i + 1 < steps.Count ? steps[i + 1].Id : null;
            edges.AddRange(EdgesOf(step, next).Where(e => ids.Contains(e.To) && e.To != WorkflowFormat.EndTarget));
        }
        return new WorkflowGraphModel(nodes, edges);
    }

    private static IEnumerable<GraphEdge> EdgesOf(StepDefinition step, string? nextInFile)
    {
        switch (step)
        {
            case SequenceStep sequence:
                for (var i = 0; i < sequence.Steps.Count; i++)
                {
                    yield return new GraphEdge(step.Id, sequence.Steps[i], GraphEdgeKind.Sequence, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                break;
            case IfStep branch:
                yield return new GraphEdge(step.Id, branch.IfTrue, GraphEdgeKind.Condition, "true");
                if (branch.IfFalse is not null)
                {
                    yield return new GraphEdge(step.Id, branch.IfFalse, GraphEdgeKind.Condition, "false");
                }
                break;
            case SwitchStep choice:
                for (var i = 0; i < choice.Cases.Count; i++)
                {
                    yield return new GraphEdge(step.Id, choice.Cases[i].Then, GraphEdgeKind.Condition, choice.Cases[i].When.Source);
                }
                if (choice.Default is not null)
                {
                    yield return new GraphEdge(step.Id, choice.Default, GraphEdgeKind.Condition, "default");
                }
                break;
            case ParallelStep parallel:
                foreach (var target in parallel.Branches)
                {
                    yield return new GraphEdge(step.Id, target, GraphEdgeKind.Branch, "");
                }
                break;
            case WaitForStep { Timeout: { } timeout }:
                yield return new GraphEdge(step.Id, timeout.Then, GraphEdgeKind.Timeout, "after " + timeout.After.Source);
                break;
            case LoopStep loop:
                yield return new GraphEdge(step.Id, loop.Body, GraphEdgeKind.LoopBody, loop.Max is { } max ? $"at most {max}×" : "");
                break;
        }
        // An if's 'then' in YAML is its true branch (drawn above); the loader leaves the model's Then of an if empty.
        if (step.Then is not null)
        {
            yield return new GraphEdge(step.Id, step.Then, GraphEdgeKind.Next, "");
        }
        if (FallsThrough(step) && nextInFile is not null)
        {
            yield return new GraphEdge(step.Id, nextInFile, GraphEdgeKind.FallThrough, "");
        }
    }

    /// <summary>The validator's rule (StepGraph.FallsThrough, internal to Network.Workflows): no <c>then</c>, and not every outcome named.</summary>
    private static bool FallsThrough(StepDefinition step) => step switch
    {
        EndStep or FailStep => false,
        IfStep { IfFalse: not null } => false,
        SwitchStep { Default: not null } => false,
        _ => step.Then is null,
    };
}
