using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Network.Bench;

/// <summary>
/// Runs each engine in a process of its own: memory per idle instance is read as growth of that process, so no
/// engine may inherit another's heap, GC-retained pages or native caches, and nothing one leaves behind (grain
/// activations, WorkflowCore's static in-memory store) can be counted against the next.
/// The child writes its figures to stdout as one prefixed JSON line; its other output passes through.
/// </summary>
internal static class EngineProcess
{
    private const string ResultPrefix = "@bench-result ";

    /// <summary>In the child: hand the figures to the parent.</summary>
    public static void WriteResult(EngineFigures figures) =>
        Console.Out.WriteLine(ResultPrefix + JsonSerializer.Serialize(figures));

    /// <summary>In the parent: run one engine with the run's settings and return what it measured.</summary>
    public static async Task<EngineFigures> RunAsync(BenchOptions options, BenchEngine engine, string? postgresConnectionString = null)
    {
        var arguments = options.ForChild(engine, postgresConnectionString);
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the engine's process.");
        EngineFigures? figures = null;
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                figures = JsonSerializer.Deserialize<EngineFigures>(line[ResultPrefix.Length..]);
            }
            else
            {
                Console.WriteLine(line);
            }
        }
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode == 0 && figures is not null
            ? figures
            : throw new InvalidOperationException($"The {engine} engine's process failed (exit code {process.ExitCode}); its error is above.");
    }
}
