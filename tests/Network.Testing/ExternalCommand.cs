using System.Diagnostics;
using System.Text;

namespace Network.Testing;

/// <summary>Runs the command-line tools of the throwaway servers (initdb, pg_ctl, rabbitmqctl…) and reads their files.</summary>
public static class ExternalCommand
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="start"/> (which must redirect standard input, output and error) to its end and returns
    /// its exit code and what it wrote; a command that does not finish within <paramref name="timeout"/> is killed
    /// and reported with what it wrote so far.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        var output = new StringBuilder();
        var errors = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"Could not start {start.FileName}: {exception.Message}", exception);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException(
                $"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}: {Text(errors)}{Text(output)}");
        }
        return (process.ExitCode, Text(output), Text(errors));
    }

    /// <summary>
    /// Runs a server's tool (initdb, pg_ctl, chown…) to its end in the temp folder and throws with what it wrote when
    /// it fails. With <paramref name="runAs"/>, through <c>runuser -u user --</c> (a server that refuses to run as
    /// root runs as its service user). Debian's wrappers read the locale and time zone: the caller's are kept out.
    /// </summary>
    public static async Task RunToolAsync(string file, IReadOnlyList<string> arguments, string? runAs = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo
        {
            FileName = runAs is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // runuser keeps the working directory; the service user must be able to enter it.
            WorkingDirectory = Path.GetTempPath(),
        };
        if (runAs is not null)
        {
            foreach (var argument in (string[])["-u", runAs, "--", file])
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["LC_ALL"] = "C";
        start.Environment["TZ"] = "UTC";

        var (exitCode, output, errors) = await RunAsync(start, timeout ?? ToolTimeout).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed with exit code {exitCode}:{Environment.NewLine}{errors}{output}");
        }
    }

    /// <summary>A file a running server is still writing (its log), read without disturbing it.</summary>
    public static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Text(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
