using System.Diagnostics;

namespace Network.Host.Tests.Chart;

/// <summary>Runs `helm template` on helm/network for one <see cref="ChartCase"/>: one helm process per render.</summary>
internal static class HelmTemplate
{
    public const string Release = "net";
    public const string Namespace = "network-test";

    public static string ChartDirectory => RepositoryRoot.Combine("helm", "network");

    public static async Task<ChartRender> RenderAsync(ChartCase chartCase)
    {
        ArgumentNullException.ThrowIfNull(chartCase);
        var start = new ProcessStartInfo(await HelmTool.PathAsync())
        {
            WorkingDirectory = ChartDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "template", Release, ChartDirectory, "--namespace", Namespace })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var file in chartCase.ValuesFiles)
        {
            start.ArgumentList.Add("--values");
            start.ArgumentList.Add(Path.IsPathRooted(file) ? file : Path.Combine(ChartDirectory, file));
        }
        foreach (var set in chartCase.Sets)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(set);
        }
        var (exitCode, output, errors) = await ExternalCommand.RunAsync(start, TimeSpan.FromMinutes(1));
        return exitCode == 0
            ? ChartRender.Parse(chartCase, output)
            : ChartRender.Failed(chartCase, exitCode, errors);
    }
}
