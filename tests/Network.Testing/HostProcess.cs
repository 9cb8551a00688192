using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Network.Testing;

/// <summary>
/// The real, built host as a child process: `dotnet Network.Host.dll` on free loopback ports. Tests talk to it over
/// HTTP and can SIGKILL it, exactly as an operator's crash would.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly TimeSpan _clientTimeout;

    private HostProcess(Process process, Uri baseAddress, TimeSpan clientTimeout)
    {
        _process = process;
        BaseAddress = baseAddress;
        _clientTimeout = clientTimeout;
    }

    public Uri BaseAddress { get; }

    /// <summary>The host's process id: `dotnet Network.Host.dll` runs the host in the dotnet process itself.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything the host printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>The last <paramref name="lines"/> lines the host printed, stdout and stderr interleaved.</summary>
    public string OutputTail(int lines = 60)
    {
        var all = Output.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    public static async Task<HostProcess> StartAsync(HostSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HostAssembly.Path)!,
        };
        start.ArgumentList.Add(HostAssembly.Path);
        foreach (var (name, value) in settings.Arguments())
        {
            start.ArgumentList.Add($"--{name}={value}");
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in settings.Environment)
        {
            start.Environment[name] = value;
        }
        start.Environment.Remove("ASPNETCORE_URLS");
        if (settings.BootstrapKey is { } key)
        {
            start.Environment["NETWORK_BOOTSTRAP_KEY"] = key;
        }
        else
        {
            start.Environment.Remove("NETWORK_BOOTSTRAP_KEY");
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{settings.HttpPort}/"), settings.ClientTimeout);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient(string? apiKey = null)
    {
        // A request sent with Expect: 100-continue waits for the host's answer before sending its body, however busy the
        // machine: the handler's default (1 s) would send the body anyway, and a refusal (413) would then close the
        // connection under the client as a broken pipe.
        var handler = new SocketsHttpHandler { Expect100ContinueTimeout = _clientTimeout };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = _clientTimeout };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; whatever was acknowledged must already be durable.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// SIGTERM, as an orchestrator stops a pod: the host drains its HTTP requests, the silo leaves the cluster and
    /// hands its grains on. Answers the exit code; throws when the process has not exited within
    /// <paramref name="patience"/> (a graceful stop that hangs is a failure, not something to wait out).
    /// </summary>
    public async Task<int> StopAsync(TimeSpan patience)
    {
        if (!_process.HasExited)
        {
            var signal = new ProcessStartInfo("kill")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            signal.ArgumentList.Add("-TERM");
            signal.ArgumentList.Add(_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var (exitCode, _, errors) = await ExternalCommand.RunAsync(signal, TimeSpan.FromSeconds(10));
            if (exitCode != 0 && !_process.HasExited)
            {
                throw new InvalidOperationException($"kill -TERM {_process.Id} failed: {errors}");
            }
        }
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The host did not stop within {patience} of SIGTERM:\n{Output}");
        }
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first answer; try again.
            }
            await Task.Delay(200, cancellationToken);
        }
        await KillAsync();
        throw new TimeoutException($"The host was not ready within 90 s:\n{Output}");
    }
}
