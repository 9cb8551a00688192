using Blazor.Diagrams.Core.Models;

namespace Network.Web.Workflows;

/// <summary>A transition on the canvas; its kind decides the stroke (a timeout is dashed) and its label.</summary>
public sealed class StepLinkModel : LinkModel
{
    public StepLinkModel(GraphEdge edge, NodeModel source, NodeModel target, int index)
        : base($"edge-{index}", source, target)
    {
        ArgumentNullException.ThrowIfNull(edge);
        Edge = edge;
        Locked = true;
        TargetMarker = LinkMarker.Arrow;
        Color = edge.Kind switch
        {
            GraphEdgeKind.Timeout => "#c62828",
            GraphEdgeKind.Branch => "#303f9f",
            GraphEdgeKind.Condition => "#7b1fa2",
            _ => "#546e7a",
        };
        if (edge.Label.Length > 0)
        {
            AddLabel(edge.Label);
        }
    }

    public GraphEdge Edge { get; }

    public bool IsDashed => Edge.Kind is GraphEdgeKind.Timeout or GraphEdgeKind.FallThrough;
}
