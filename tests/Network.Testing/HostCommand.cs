using System.Diagnostics;

namespace Network.Testing;

/// <summary>What the built host printed and answered when run as a command-line tool.</summary>
public sealed record HostCommandResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>
/// The built host run as a command-line tool, as an operator or CI runs it (`dotnet Network.Host.dll workflows …`,
/// `… backup --to FILE`): no silo, no web host, an exit code and what it printed.
/// </summary>
public static class HostCommand
{
    /// <summary>Runs the host with <paramref name="args"/> in its own output folder.</summary>
    public static Task<HostCommandResult> RunAsync(params string[] args) =>
        RunInAsync(System.IO.Path.GetDirectoryName(HostAssembly.Path)!, null, args);

    /// <summary>
    /// Runs the host with <paramref name="args"/> in <paramref name="workingDirectory"/>, with the shell's PWD set to
    /// <paramref name="pwd"/> (the working directory when null), as `dotnet run` would leave them.
    /// </summary>
    public static async Task<HostCommandResult> RunInAsync(string workingDirectory, string? pwd, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.Environment["PWD"] = pwd ?? workingDirectory;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.ArgumentList.Add(HostAssembly.Path);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`Network.Host {string.Join(' ', args)}` did not finish within 120 s:\n{await output}\n{await error}");
        }
        return new HostCommandResult(process.ExitCode, await output, await error);
    }
}
