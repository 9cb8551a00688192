using Network.Web.Tests.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Network.Web.Workflows;

namespace Network.Web.Tests.Workflows;

public sealed class WorkflowGraphTests : ComponentTestContext
{
    public WorkflowGraphTests()
    {
        // Blazor.Diagrams observes sizes through its JS module; its answers do not matter to what is rendered here.
        JSInterop.Setup<Blazor.Diagrams.Core.Geometry.Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1200, 640));
        // The canvas draws only once the page is interactive (Blazor.Diagrams calls its script while rendering).
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<WorkflowGraph> RenderLifecycle(string[]? highlighted = null, string? selected = null, IReadOnlySet<string>? errors = null, Action<string>? onSelect = null)
    {
        var model = WorkflowGraphModel.From(Definitions.Library("commitment-lifecycle"));
        return Render<WorkflowGraph>(p =>
        {
            p.Add(c => c.Model, model);
            p.Add(c => c.Highlighted, highlighted ?? []);
            p.Add(c => c.SelectedStep, selected);
            p.Add(c => c.StepsWithErrors, errors ?? new HashSet<string>());
            p.Add(c => c.OnSelect, onSelect ?? (_ => { }));
        });
    }

    [Fact]
    public void Renders_a_node_per_step_on_the_canvas_and_in_the_list()
    {
        var definition = Definitions.Library("commitment-lifecycle");

        var graph = RenderLifecycle();

        var canvasSteps = graph.FindAll(".workflow-step").Select(e => e.GetAttribute("data-step")).ToList();
        Assert.Equal(definition.Steps.Select(s => s.Id).Order(), canvasSteps.Order()!);
        var listed = graph.FindAll(".workflow-graph__item").Select(e => e.GetAttribute("data-step"));
        Assert.Equal(definition.Steps.Select(s => s.Id), listed);
        Assert.Equal("wait-for", graph.Find(".workflow-step[data-step='watch-for-progress']").GetAttribute("data-activity"));
        Assert.Contains("wait for ProgressReported", graph.Find(".workflow-step[data-step='watch-for-progress']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeouts_are_dashed_and_other_transitions_are_not()
    {
        var graph = RenderLifecycle();

        var timeouts = graph.FindAll("g.workflow-edge--timeout");
        Assert.Equal(3, timeouts.Count);
        Assert.All(timeouts, t => Assert.Equal("6 4", t.GetAttribute("stroke-dasharray")));
        Assert.Contains(timeouts, t => t.GetAttribute("data-from") == "watch-for-progress" && t.GetAttribute("data-to") == "stalled");
        Assert.All(graph.FindAll("g.workflow-edge--branch, g.workflow-edge--next"), e => Assert.Null(e.GetAttribute("stroke-dasharray")));
    }

    [Fact]
    public void The_highlighted_and_erroneous_steps_are_marked_on_both_views()
    {
        var graph = RenderLifecycle(highlighted: ["monthly-check-in", "watch-for-progress"], errors: new HashSet<string> { "stalled" });

        Assert.Equal(["monthly-check-in", "watch-for-progress"], graph.FindAll(".workflow-step--highlighted").Select(e => e.GetAttribute("data-step")).Order());
        Assert.Equal(["stalled"], graph.FindAll(".workflow-step--error").Select(e => e.GetAttribute("data-step")));
        Assert.All(graph.FindAll(".workflow-graph__item--highlighted"), e => Assert.Contains("current position", e.TextContent, StringComparison.Ordinal));
        Assert.Equal("stalled", graph.Find(".workflow-graph__item--error").GetAttribute("data-step"));
    }

    [Fact]
    public void Choosing_a_step_in_the_list_selects_it()
    {
        string? chosen = null;
        var graph = RenderLifecycle(onSelect: id => chosen = id);

        graph.Find(".workflow-graph__item[data-step='stalled'] button").Click();

        Assert.Equal("stalled", chosen);
        graph.Render(p => p.Add(c => c.SelectedStep, "stalled"));
        Assert.Equal("true", graph.Find(".workflow-graph__item[data-step='stalled'] button").GetAttribute("aria-pressed"));
        Assert.Equal(["stalled"], graph.FindAll(".workflow-step--selected").Select(e => e.GetAttribute("data-step")));
    }

    [Fact]
    public void Prerendering_lists_the_steps_but_leaves_the_canvas_to_the_interactive_render()
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var graph = RenderLifecycle();

        Assert.Empty(graph.FindAll(".workflow-step"));
        Assert.NotEmpty(graph.FindAll(".workflow-graph__item"));
    }

    [Fact]
    public void Only_a_graph_that_takes_connections_gives_its_steps_a_handle_to_drag_from()
    {
        var shown = RenderLifecycle();
        Assert.Empty(shown.FindAll(".workflow-step__exit"));
        Assert.Empty(shown.FindAll(".workflow-graph__hint"));

        var model = WorkflowGraphModel.From(Definitions.Library("commitment-lifecycle"));
        var editable = Render<WorkflowGraph>(p =>
        {
            p.Add(c => c.Model, model);
            p.Add(c => c.OnConnect, (StepConnection _) => { });
        });

        // Every step but the one that ends the workflow ('closed'), which has no 'then' to set.
        var withHandles = editable.FindAll(".diagram-node:has(.workflow-step__exit) .workflow-step").Select(e => e.GetAttribute("data-step"));
        Assert.Equal(model.Nodes.Select(n => n.StepId).Where(id => id != "closed").Order(), withHandles.Order()!);
        Assert.Contains("drag from the handle", editable.Find(".workflow-graph__hint").TextContent, StringComparison.Ordinal);
    }
}
