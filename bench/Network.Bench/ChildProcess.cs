using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Network.Bench;

/// <summary>
/// Runs each engine, and the history scenario, in a process of its own: memory per idle instance is read as growth of
/// that process, so no engine may inherit another's heap, GC-retained pages or native caches, and nothing one leaves
/// behind (grain activations, WorkflowCore's static in-memory store) can be counted against the next.
/// The child writes its figures to stdout as one prefixed JSON line; its other output passes through.
/// </summary>
internal static class ChildProcess
{
    private const string ResultPrefix = "@bench-result ";

    /// <summary>In the child: hand the figures to the parent.</summary>
    public static void WriteResult<T>(T figures) =>
        Console.Out.WriteLine(ResultPrefix + JsonSerializer.Serialize(figures));

    /// <summary>In the parent: run one engine with the run's settings and return what it measured.</summary>
    public static Task<EngineFigures> RunEngineAsync(BenchOptions options, BenchEngine engine, string? postgresConnectionString = null) =>
        RunAsync<EngineFigures>(options.ForChild(engine, postgresConnectionString), $"The {engine} engine's process");

    /// <summary>In the parent: run the history scenario and return what it measured.</summary>
    public static Task<HistoryFigures> RunHistoryAsync(BenchOptions options) =>
        RunAsync<HistoryFigures>(options.ForHistoryChild(), "The history scenario's process");

    private static async Task<T> RunAsync<T>(IReadOnlyList<string> arguments, string what)
        where T : class
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        start.FileName = self;
        // Started as `dotnet Network.Bench.dll`, the child needs the assembly named again.
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {what}.");
        T? figures = null;
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                figures = JsonSerializer.Deserialize<T>(line[ResultPrefix.Length..]);
            }
            else
            {
                Console.WriteLine(line);
            }
        }
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode == 0 && figures is not null
            ? figures
            : throw new InvalidOperationException($"{what} failed (exit code {process.ExitCode}); its error is above.");
    }
}
