using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Network.Testing;

namespace Network.Bench;

/// <summary>
/// The built host (src/Network.Host/bin/{Release,Debug}/net10.0/Network.Host.dll) as a child process, on free
/// loopback ports, as an operator would run it: `dotnet Network.Host.dll --key=value …`. Its output is kept, and shown
/// only when something fails.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The host's process id: `dotnet Network.Host.dll` runs the host in the dotnet process itself.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The assembly that was started.</summary>
    public static string AssemblyPath { get; } = FindAssembly();

    /// <summary>The last lines the host printed, stdout and stderr interleaved.</summary>
    public string OutputTail(int lines = 60)
    {
        lock (_output)
        {
            var all = _output.ToString().Split('\n');
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
    }

    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string bootstrapKey)
    {
        var httpPort = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
        };
        start.ArgumentList.Add(AssemblyPath);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add($"--Cluster:SiloPort={FreePorts.Next().ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add($"--Cluster:GatewayPort={FreePorts.Next().ToString(CultureInfo.InvariantCulture)}");
        // The benchmark measures the engine at full speed, not the per-key rate limits (Limits:Rate), so they are lifted;
        // a scenario's own settings come after and win.
        foreach (var role in new[] { "Coordinator", "Member", "Integration" })
        {
            start.ArgumentList.Add($"--Limits:Rate:{role}:PermitsPerSecond=1000000");
            start.ArgumentList.Add($"--Limits:Rate:{role}:Burst=1000000");
        }
        foreach (var (name, value) in settings)
        {
            start.ArgumentList.Add($"--{name}={value}");
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["NETWORK_BOOTSTRAP_KEY"] = bootstrapKey;

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}/"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync().ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Stops the host. Its database is thrown away afterwards, so there is nothing to shut down gracefully for.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was ready:\n{OutputTail()}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative)).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A slow first answer; ask again.
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"The host was not ready within 90 s:\n{OutputTail()}");
    }

    /// <summary>
    /// bench/Network.Bench/bin/{configuration}/net10.0/ → src/Network.Host/bin/{configuration}/net10.0/Network.Host.dll,
    /// the benchmark's own configuration first, then the other.
    /// </summary>
    private static string FindAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var repositoryRoot = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var candidates = new[] { configuration, "Release", "Debug" }.Distinct(StringComparer.Ordinal)
            .Select(c => Path.Combine(repositoryRoot, "src", "Network.Host", "bin", c, framework, "Network.Host.dll"))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"The built host is not at {string.Join(" or ", candidates)}: build it first (dotnet build src/Network.Host -c Release).");
    }
}
