using System.Globalization;

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
        try
        {
            using var response = await client.GetAsync(new Uri("metrics", UriKind.Relative)).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith(CompilationTimeMetric, StringComparison.Ordinal)
                    && line.LastIndexOf(' ') is var space and > 0
                    && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return seconds;
                }
            }
            return null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
