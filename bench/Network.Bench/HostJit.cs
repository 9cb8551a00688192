namespace Network.Bench;

/// <summary>
/// How long the host's JIT has compiled so far, from the runtime's "dotnet.jit.compilation.time" on the host's
/// /metrics (BrokeredHost gives the client the key). A host that has just started keeps compiling its hot methods again,
/// optimised and with the profile it gathered, for many thousands of messages; a benchmark that times it then times the
/// JIT as much as the host.
/// </summary>
internal sealed class HostJit(HttpClient client)
{
    /// <summary>The counter as the OpenTelemetry Prometheus exporter names it (seconds, a total).</summary>
    private const string CompilationTimeMetric = "dotnet_jit_compilation_time_seconds_total";

    /// <summary>Seconds the host's JIT has compiled since it started, or null when its /metrics does not carry the figure.</summary>
    public async Task<double?> CompilationSecondsAsync()
    {
        if (await HostMetrics.ScrapeAsync(client).ConfigureAwait(false) is not { } text)
        {
            return null;
        }
        foreach (var (series, seconds) in HostMetrics.Samples(text))
        {
            if (series.StartsWith(CompilationTimeMetric, StringComparison.Ordinal))
            {
                return seconds;
            }
        }
        return null;
    }
}
