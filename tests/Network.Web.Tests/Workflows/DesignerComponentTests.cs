using Network.Web.Tests.Components;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Extensions;
using MudBlazor.Services;
using Network.Web.Workflows;

namespace Network.Web.Tests.Workflows;

/// <summary>The designer's editing components wired to a <see cref="DesignerState"/>: the step form and the YAML editor's markers.</summary>
public sealed class DesignerComponentTests : ComponentTestContext, IAsyncLifetime
{
    private const string MarkersModule = "./_content/Network.Web/workflows/yamlMarkers.js";

    public DesignerComponentTests()
    {
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudSelect brings services that only dispose asynchronously; xUnit 2 would otherwise dispose the context synchronously.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    [Fact]
    public async Task Removing_a_step_others_go_to_shows_why_and_keeps_the_yaml()
    {
        var state = new DesignerState(Definitions.LibraryYaml("commitment-lifecycle"));
        state.Select("stalled");
        var before = state.Yaml;
        var editor = Render<StepEditor>(p => p.Add(c => c.State, state));

        // The async form returns once the handler ran; bUnit's plain Click does not wait for it (it discards the task).
        await editor.FindAll("button").Single(b => b.TextContent.Contains("Remove step", StringComparison.Ordinal)).ClickAsync(new MouseEventArgs());

        Assert.Contains("'stalled' cannot be removed while other steps go to it: watch-for-progress (timeout.then)", editor.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal(before, state.Yaml);
    }

    [Fact]
    public async Task Saving_the_form_rewrites_the_yaml_and_the_graph_follows()
    {
        var state = new DesignerState(Definitions.LibraryYaml("commitment-lifecycle"));
        state.Select("remind-owners");
        var editor = Render<StepEditor>(p => p.Add(c => c.State, state));

        // The async forms return once the handlers ran. bUnit's plain Change and Click do not wait for them (they
        // discard the task), so on a busy machine "Save step" ran before the new level was bound, or after the
        // assertions below (CI, 2026-12-05: level 1 saved).
        await editor.Find("input[value='1']").ChangeAsync(new ChangeEventArgs { Value = "2" }); // the escalation's level
        Assert.Contains(editor.FindComponents<MudBlazor.MudTextField<string>>(), f => f.Instance.GetState(x => x.Value) == "2");
        await editor.FindAll("button").Single(b => b.TextContent.Contains("Save step", StringComparison.Ordinal)).ClickAsync(new MouseEventArgs());

        var definition = Definitions.Load(state.Yaml);
        Assert.Equal(2, Assert.IsType<Network.Workflows.Definitions.EscalateStep>(definition.Step("remind-owners")).Level);
        Assert.Contains("escalate to owners, level 2", state.Graph!.Node("remind-owners")!.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_editor_lists_each_problem_and_sends_it_as_a_marker_at_its_line_and_column()
    {
        var module = JSInterop.SetupModule(MarkersModule);
        var sent = module.Setup<bool>("setMarkers", _ => true);
        sent.SetResult(true);
        var broken = Definitions.LibraryYaml("commitment-lifecycle").Replace("stallAfter: P45D", "stallAfter: P45D\n  oops: [", StringComparison.Ordinal);
        var state = new DesignerState(broken);

        var editor = Render<YamlEditor>(p => p.Add(c => c.Value, state.Yaml).Add(c => c.Problems, state.Problems));

        var problem = Assert.Single(state.Problems);
        var item = editor.Find("[data-testid=yaml-problems] li");
        Assert.Equal(problem.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), item.GetAttribute("data-line"));
        Assert.StartsWith($"Line {problem.Line}, column {problem.Column}: ", item.TextContent, StringComparison.Ordinal);
        var call = Assert.Single(sent.Invocations);
        Assert.Equal("workflow-yaml", call.Arguments[0]);
        var marker = Assert.Single((System.Collections.IEnumerable)call.Arguments[1]!);
        var json = System.Text.Json.JsonSerializer.Serialize(marker);
        Assert.Contains($"\"line\":{problem.Line}", json, StringComparison.Ordinal);
        Assert.Contains($"\"column\":{problem.Column}", json, StringComparison.Ordinal);
    }
}
