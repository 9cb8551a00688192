using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace Network.Web.Workflows;

/// <summary>A step on the Blazor.Diagrams canvas: the graph node it draws, and how it is marked now.</summary>
public sealed class StepNodeModel : NodeModel
{
    /// <param name="connectable">
    /// Whether the step gets a handle to drag a new transition from (the designer's canvas); a step that ends its path
    /// gets none.
    /// </param>
    public StepNodeModel(GraphNode step, NodePlacement placement, bool connectable = false)
        : base("step-" + step.StepId, new Point(placement.X, placement.Y))
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(placement);
        Step = step;
        Size = new Size(placement.Width, placement.Height);
        Title = step.StepId;
        // Read-only graph: nodes are not dragged; the layout places them.
        Locked = true;
        if (connectable && !step.EndsThePath)
        {
            AddPort(new StepExitPort(this));
        }
    }

    public GraphNode Step { get; }

    public bool IsSelected { get; set; }

    /// <summary>Where a running instance is now (the instance page).</summary>
    public bool IsHighlighted { get; set; }

    public bool HasErrors { get; set; }
}
