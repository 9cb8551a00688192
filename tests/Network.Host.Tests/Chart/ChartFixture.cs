using System.Collections.Concurrent;

namespace Network.Host.Tests.Chart;

/// <summary>
/// The renders a test class asks for, each done once (one helm process) and shared by the class's tests.
/// </summary>
public sealed class ChartFixture
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ChartRender>>> _renders = new(StringComparer.Ordinal);

    /// <summary>The render of a case; fails the test when helm refused it.</summary>
    public async Task<ChartRender> RenderAsync(ChartCase chartCase)
    {
        var render = await AttemptAsync(chartCase);
        Assert.True(render.ExitCode == 0, $"helm template ({chartCase}) failed with exit code {render.ExitCode}: {render.Errors}");
        return render;
    }

    public Task<ChartRender> RenderAsync(string ciCaseName) => RenderAsync(ChartCase.Named(ciCaseName));

    /// <summary>The render of a case, failed or not (for the cases the chart must refuse).</summary>
    public Task<ChartRender> AttemptAsync(ChartCase chartCase)
    {
        ArgumentNullException.ThrowIfNull(chartCase);
        return _renders.GetOrAdd(chartCase.Name, _ => new Lazy<Task<ChartRender>>(() => HelmTemplate.RenderAsync(chartCase))).Value;
    }
}
