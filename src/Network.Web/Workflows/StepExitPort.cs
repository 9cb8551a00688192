using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;

namespace Network.Web.Workflows;

/// <summary>
/// The handle under a step on an editable canvas: dragging from it to another step connects the two (sets the
/// step's <c>then</c>). The drop target is the other step itself, not a port on it, so a step needs no entry handle
/// and anywhere on its box will do; Blazor.Diagrams' own ports only attach to ports, hence this override.
/// </summary>
public sealed class StepExitPort(StepNodeModel step) : PortModel(step, PortAlignment.Bottom)
{
    public StepNodeModel Step { get; } = step;

    public override bool CanAttachTo(ILinkable other) => other is StepNodeModel target && !ReferenceEquals(target, Parent);
}
