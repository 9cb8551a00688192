using System.Globalization;

namespace Network.Bench;

/// <summary>
/// The host's Prometheus scrape (<c>/metrics</c>, OpenTelemetry's exporter) as the benchmark reads it: the text, and
/// its samples as (series, value) pairs, the series being the metric's name with its labels.
/// </summary>
internal static class HostMetrics
{
    /// <summary>The scrape's text, or null when the host serves none to this client (no key given, or not served).</summary>
    public static async Task<string?> ScrapeAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            using var response = await client.GetAsync(new Uri("metrics", UriKind.Relative)).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync().ConfigureAwait(false) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Each sample line's series and value ("name{labels} value"); comments and lines without a number are skipped.</summary>
    public static IEnumerable<(string Series, double Value)> Samples(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith('#')
                && line.LastIndexOf(' ') is var space and > 0
                && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                yield return (line[..space], value);
            }
        }
    }
}
