using Microsoft.Playwright;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>The workflow designer in a real browser against the built host: graph, settings, simulation, markers.</summary>
public sealed class DesignerTests(WebHostFixture host, BrowserFixture browser)
    : IClassFixture<WebHostFixture>, IClassFixture<BrowserFixture>
{
    private const string Designer = "/workflows/commitment-lifecycle/designer";

    [Fact]
    public async Task With_stallAfter_P30D_in_the_settings_a_simulation_shows_the_stall_on_day_30()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());

        await page.GotoAsync(Designer);
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Designer: commitment-lifecycle", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".workflow-step[data-step='watch-for-progress']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("g.workflow-edge--timeout").First).ToHaveAttributeAsync("stroke-dasharray", "6 4");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
        await page.GetByLabel("This tenant's value of stallAfter").FillAsync("P30D");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Settings saved.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Simulate" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Simulate", Exact = true }).ClickAsync();
        var stall = page.Locator("[data-testid=simulation-result] tr[data-kind='stalled']").First;
        // The simulation runs the whole definition on the server (90 virtual days); on a busy machine that takes seconds.
        await Assertions.Expect(stall).ToHaveAttributeAsync("data-day", "30", new() { Timeout = 60_000 });
        await Assertions.Expect(stall).ToContainTextAsync("day 30");

        // For the README: the timeline's chart under the form, with the stall on day 30.
        await page.SetViewportSizeAsync(1280, 1000);
        await page.EvaluateAsync("() => { document.querySelector('.simulation-chart').scrollIntoView({ block: 'start' }); window.scrollBy(0, -120); }");
        await Screenshots.SaveAsync(page, "designer-simulation", fullPage: false);
    }

    [Fact]
    public async Task Dragging_from_a_steps_handle_to_another_step_connects_them()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        await page.GotoAsync(Designer);
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator(".workflow-step[data-step='progress-received']")).ToBeVisibleAsync();
        // Both steps are in the canvas's first view (the graph is larger than the canvas; the rest is reached by panning).
        var newEdge = page.Locator("g.workflow-edge[data-from='stalled'][data-to='ask-the-owners']");
        await Assertions.Expect(newEdge).ToHaveCountAsync(0);

        await DragAsync(page, HandleOf(page, "stalled"), page.Locator(".workflow-step[data-step='ask-the-owners']"));

        // The edit goes to the server and back (a new text, a new graph): give a busy machine time.
        await Assertions.Expect(newEdge).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("g.workflow-edge[data-from='stalled'][data-to='announce-stall']")).ToHaveCountAsync(0);
        // The step it leaves is selected and its form shows the new transition; the YAML says the same.
        await Assertions.Expect(page.GetByLabel("then", new() { Exact = true })).ToHaveValueAsync("ask-the-owners");
        // Monaco draws only the lines on screen, so the text is read from its model.
        var yaml = await page.EvaluateAsync<string>("() => monaco.editor.getModels()[0].getValue()");
        Assert.Contains("  - id: stalled\n    set:\n      status: \"'stalled'\"\n      stalls: vars.stalls + 1\n    then: ask-the-owners\n", yaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // A drag that ends on no step changes nothing; the step that ends the workflow has no handle to drag from.
        var closed = page.Locator(".workflow-step[data-step='closed']");
        await PanUntilInViewAsync(page, closed);
        var edges = await page.Locator("g.workflow-edge").CountAsync();
        var canvas = await page.Locator(".workflow-graph__canvas").BoundingBoxAsync();
        await DragAsync(page, HandleOf(page, "publish-final-status"), canvas!.X + 8, canvas.Y + canvas.Height - 20);
        await Assertions.Expect(page.Locator("g.workflow-edge")).ToHaveCountAsync(edges);
        await Assertions.Expect(page.Locator(".workflow-step[data-step='publish-final-status']")).ToBeVisibleAsync();
        await Assertions.Expect(HandleOf(page, "closed")).ToHaveCountAsync(0);
    }

    private static ILocator HandleOf(IPage page, string stepId) =>
        page.Locator($".diagram-node:has(.workflow-step[data-step='{stepId}']) .workflow-step__exit");

    /// <summary>Drags the canvas's empty left margin upwards, as a person pans down a tall graph, until the step shows.</summary>
    private static async Task PanUntilInViewAsync(IPage page, ILocator step)
    {
        var canvas = await page.Locator(".workflow-graph__canvas").BoundingBoxAsync() ?? throw new InvalidOperationException("no canvas");
        for (var pans = 0; pans < 10; pans++)
        {
            var box = await step.BoundingBoxAsync() ?? throw new InvalidOperationException("the step is not drawn");
            if (box.Y >= canvas.Y && box.Y + box.Height + 20 <= canvas.Y + canvas.Height)
            {
                return;
            }
            var x = canvas.X + 8;
            var distance = Math.Min(canvas.Height - 40, box.Y + box.Height + 40 - (canvas.Y + canvas.Height));
            await page.Mouse.MoveAsync(x, canvas.Y + canvas.Height - 10);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(x, canvas.Y + canvas.Height - 10 - distance, new() { Steps = 8 });
            await page.Mouse.UpAsync();
            await MovedFromAsync(step, box);
        }
        throw new InvalidOperationException("the step did not come into view");
    }

    /// <summary>
    /// Waits (up to 2 s) until the step is drawn somewhere else than <paramref name="before"/>: the next pan is measured
    /// from where this one put it, not from a frame drawn before it (on a busy machine that overshot, back and forth).
    /// </summary>
    private static async Task MovedFromAsync(ILocator step, LocatorBoundingBoxResult before)
    {
        for (var waited = 0; waited < 2_000; waited += 50)
        {
            if (await step.BoundingBoxAsync() is { } now && (Math.Abs(now.Y - before.Y) > 0.5 || Math.Abs(now.X - before.X) > 0.5))
            {
                return;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>A person's drag: press on the handle, move in steps (the library follows pointer moves), release on the target.</summary>
    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        var end = await to.BoundingBoxAsync() ?? throw new InvalidOperationException("the target step is not on screen");
        await DragAsync(page, from, end.X + end.Width / 2, end.Y + end.Height / 2);
    }

    private static async Task DragAsync(IPage page, ILocator from, float x, float y)
    {
        // The handles show once the canvas is ready to place a drag (as a person sees them appear).
        await Assertions.Expect(from).ToBeVisibleAsync();
        var start = await from.BoundingBoxAsync() ?? throw new InvalidOperationException("the handle is not on screen");
        await page.Mouse.MoveAsync(start.X + start.Width / 2, start.Y + start.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x, y, new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task Broken_yaml_shows_an_error_marker_at_its_line()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(host.BootstrapKey);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        await page.GotoAsync(Designer);
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator(".monaco-editor .view-lines")).ToBeVisibleAsync();

        // Line 1 is the schema comment; typing at its end adds a line 2 that is not YAML the loader accepts.
        await page.Locator(".monaco-editor .view-line").First.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("oops: [");

        var problem = page.Locator("[data-testid=yaml-problems] li").First;
        await Assertions.Expect(problem).ToBeVisibleAsync();
        var line = await problem.GetAttributeAsync("data-line");
        Assert.True(int.Parse(line!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        await Assertions.Expect(page.Locator(".monaco-editor .squiggly-error").First).ToBeAttachedAsync();
    }

    [Fact]
    public async Task A_workflow_the_tenant_does_not_run_is_not_found_for_a_member_of_another_tenant()
    {
        var tenantId = WebHostFixture.UniqueId("partner");
        await host.CreateTenantAsync(tenantId, "Partner Platform");
        var key = await host.IssueKeyAsync(tenantId, "member", "partner desk");
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(key.Key);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());

        await page.GotoAsync("/workflows/no-such-workflow/designer");
        await page.WaitForCircuitAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
    }
}
