namespace Network.Web.Workflows;

/// <summary>Where one node is drawn: its top-left corner and size in pixels, its layer (row) and its order in that row.</summary>
public sealed record NodePlacement(string StepId, double X, double Y, double Width, double Height, int Layer, int Order);

/// <summary>A laid-out graph: one placement per node, the edges drawn upwards (back-edges of cycles), and the canvas size.</summary>
public sealed record GraphLayout(IReadOnlyList<NodePlacement> Placements, IReadOnlyList<GraphEdge> BackEdges, double Width, double Height)
{
    public NodePlacement? Placement(string stepId) => Placements.FirstOrDefault(p => p.StepId == stepId);
}

/// <summary>
/// Lays a <see cref="WorkflowGraphModel"/> out top-down in layers, the classic layered (Sugiyama-style) way kept small:
/// cycles are broken by the back-edges of a depth-first search from the first step (a workflow's loops — progress
/// going back to waiting — stay drawn, just upwards); each node's layer is its longest path from a root over the
/// remaining edges, so every other edge points down; the order within a layer is refined by barycentres (the mean
/// position of a node's neighbours in the layer above, then below) to reduce crossings. Deterministic: ties fall back
/// to file order, so the same YAML always gives the same picture.
/// </summary>
public static class WorkflowGraphLayout
{
    public const double NodeWidth = 240;
    public const double NodeHeight = 64;
    public const double HorizontalGap = 48;
    public const double VerticalGap = 72;
    public const double Margin = 24;
    private const int Sweeps = 4;

    public static GraphLayout Arrange(WorkflowGraphModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var count = model.Nodes.Count;
        if (count == 0)
        {
            return new GraphLayout([], [], 2 * Margin, 2 * Margin);
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            index[model.Nodes[i].StepId] = i;
        }
        var successors = Adjacency(model, index);
        var backEdges = BackEdges(successors);
        var forward = ForwardEdges(successors, backEdges);
        var layers = LongestPathLayers(forward, count);
        var rows = OrderWithinLayers(forward, layers);
        return Place(model, rows, layers, backEdges);
    }

    /// <summary>Distinct successors of each node, in the order its edges name them (which makes the search deterministic).</summary>
    private static List<int>[] Adjacency(WorkflowGraphModel model, Dictionary<string, int> index)
    {
        var successors = new List<int>[model.Nodes.Count];
        for (var i = 0; i < successors.Length; i++)
        {
            successors[i] = [];
        }
        foreach (var edge in model.Edges)
        {
            var from = index[edge.From];
            var to = index[edge.To];
            if (!successors[from].Contains(to))
            {
                successors[from].Add(to);
            }
        }
        return successors;
    }

    /// <summary>Edges to a node still on the depth-first stack (self-loops included); the search starts at the first step, then at any node not yet seen, in file order.</summary>
    private static HashSet<(int From, int To)> BackEdges(List<int>[] successors)
    {
        var state = new byte[successors.Length]; // 0 unseen, 1 on the stack, 2 done
        var back = new HashSet<(int, int)>();
        for (var root = 0; root < successors.Length; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }
            // Iterative, so a long workflow cannot overflow the stack.
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next >= successors[node].Count)
                {
                    state[node] = 2;
                    continue;
                }
                stack.Push((node, next + 1));
                var target = successors[node][next];
                if (state[target] == 1)
                {
                    back.Add((node, target));
                }
                else if (state[target] == 0)
                {
                    state[target] = 1;
                    stack.Push((target, 0));
                }
            }
        }
        return back;
    }

    private static List<int>[] ForwardEdges(List<int>[] successors, HashSet<(int From, int To)> backEdges)
    {
        var forward = new List<int>[successors.Length];
        for (var i = 0; i < successors.Length; i++)
        {
            var from = i;
            forward[i] = successors[i].Where(to => !backEdges.Contains((from, to))).ToList();
        }
        return forward;
    }

    /// <summary>Layer = longest path from a root over the forward edges (which form a DAG), computed in topological order.</summary>
    private static int[] LongestPathLayers(List<int>[] forward, int count)
    {
        var incoming = new int[count];
        foreach (var targets in forward)
        {
            foreach (var to in targets)
            {
                incoming[to]++;
            }
        }
        var layers = new int[count];
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < count; i++)
        {
            if (incoming[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }
        while (ready.TryDequeue(out var node, out _))
        {
            foreach (var to in forward[node])
            {
                layers[to] = Math.Max(layers[to], layers[node] + 1);
                if (--incoming[to] == 0)
                {
                    ready.Enqueue(to, to);
                }
            }
        }
        return layers;
    }

    /// <summary>Rows of node indexes, first in file order, then sorted by barycentre in alternating sweeps down and up.</summary>
    private static List<int>[] OrderWithinLayers(List<int>[] forward, int[] layers)
    {
        var rows = new List<int>[layers.Max() + 1];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = [];
        }
        for (var node = 0; node < layers.Length; node++)
        {
            rows[layers[node]].Add(node);
        }
        var predecessors = new List<int>[layers.Length];
        for (var i = 0; i < predecessors.Length; i++)
        {
            predecessors[i] = [];
        }
        for (var from = 0; from < forward.Length; from++)
        {
            foreach (var to in forward[from])
            {
                predecessors[to].Add(from);
            }
        }
        var position = new double[layers.Length];
        UpdatePositions(rows, position);
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var down = sweep % 2 == 0;
            var order = down ? Enumerable.Range(1, rows.Length - 1) : Enumerable.Range(0, rows.Length - 1).Reverse();
            foreach (var r in order)
            {
                var neighbours = down ? predecessors : forward;
                rows[r] = rows[r]
                    .Select(node => (Node: node, Key: Barycentre(neighbours[node], position, position[node])))
                    .OrderBy(x => x.Key)
                    .ThenBy(x => position[x.Node])
                    .Select(x => x.Node)
                    .ToList();
                UpdatePositions(rows, position);
            }
        }
        return rows;
    }

    private static double Barycentre(List<int> neighbours, double[] position, double own) =>
        neighbours.Count == 0 ? own : neighbours.Average(n => position[n]);

    /// <summary>A node's position is its centre as a fraction of its row, so rows of different widths compare.</summary>
    private static void UpdatePositions(List<int>[] rows, double[] position)
    {
        var widest = rows.Max(r => r.Count);
        foreach (var row in rows)
        {
            var offset = (widest - row.Count) / 2.0;
            for (var i = 0; i < row.Count; i++)
            {
                position[row[i]] = offset + i;
            }
        }
    }

    private static GraphLayout Place(WorkflowGraphModel model, List<int>[] rows, int[] layers, HashSet<(int From, int To)> backEdges)
    {
        var widest = rows.Max(r => r.Count);
        var placements = new NodePlacement[model.Nodes.Count];
        for (var r = 0; r < rows.Length; r++)
        {
            // Centre each row under the widest one.
            var offset = (widest - rows[r].Count) * (NodeWidth + HorizontalGap) / 2;
            for (var i = 0; i < rows[r].Count; i++)
            {
                var node = rows[r][i];
                var x = Margin + offset + i * (NodeWidth + HorizontalGap);
                var y = Margin + layers[node] * (NodeHeight + VerticalGap);
                placements[node] = new NodePlacement(model.Nodes[node].StepId, x, y, NodeWidth, NodeHeight, layers[node], i);
            }
        }
        var back = model.Edges
            .Where(e => backEdges.Contains((IndexOf(model, e.From), IndexOf(model, e.To))))
            .ToList();
        var width = 2 * Margin + widest * NodeWidth + (widest - 1) * HorizontalGap;
        var height = 2 * Margin + rows.Length * NodeHeight + (rows.Length - 1) * VerticalGap;
        return new GraphLayout(placements, back, width, height);
    }

    private static int IndexOf(WorkflowGraphModel model, string stepId)
    {
        for (var i = 0; i < model.Nodes.Count; i++)
        {
            if (model.Nodes[i].StepId == stepId)
            {
                return i;
            }
        }
        return -1;
    }
}
