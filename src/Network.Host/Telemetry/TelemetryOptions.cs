namespace Network.Host.Telemetry;

/// <summary>The "Telemetry" configuration section. OTLP export is set with the standard <c>OTEL_*</c> variables instead.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public PrometheusOptions Prometheus { get; set; } = new();
}

/// <summary>
/// "Telemetry:Prometheus": the scrape endpoint. It is on by default but served only where it is protected: on a port
/// of its own (<see cref="Port"/>, which an operator keeps off the public network), or on the public port to a
/// scraper that sends <see cref="Key"/>. With neither, nothing answers at <see cref="Path"/>: the metrics say how busy
/// the network is and which definitions it runs, which is not for anyone on the internet.
/// </summary>
public sealed class PrometheusOptions
{
    public const string DefaultPath = "/metrics";

    /// <summary>False turns the Prometheus exporter off (OTLP export, when configured, is not affected).</summary>
    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = DefaultPath;

    /// <summary>
    /// A port of its own for the scrape endpoint, on the same address as the public URL: only the endpoint answers
    /// there, and the public port answers 404 at <see cref="Path"/>.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>A bearer token the scraper must send (<c>Authorization: Bearer …</c>); required on the public port.</summary>
    public string? Key { get; set; }

    /// <summary>Whether the endpoint is served at all: enabled, and on its own port or behind the key.</summary>
    public bool Served => Enabled && (Port is not null || !string.IsNullOrEmpty(Key));

    public void Validate()
    {
        if (Port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Telemetry:Prometheus:Port must be between 1 and 65535, not {Port}.");
        }
        if (string.IsNullOrWhiteSpace(Path) || !Path.StartsWith('/'))
        {
            throw new InvalidOperationException($"Telemetry:Prometheus:Path must start with '/', not '{Path}'.");
        }
        if (Key is { Length: > 0 and < 16 })
        {
            throw new InvalidOperationException("Telemetry:Prometheus:Key must have at least 16 characters (it guards the scrape endpoint).");
        }
    }
}
