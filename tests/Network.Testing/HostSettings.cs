namespace Network.Testing;

/// <summary>How to start a test host: its ports, its storage and its bootstrap key.</summary>
public sealed record HostSettings
{
    public int HttpPort { get; init; } = FreePorts.Next();
    public int SiloPort { get; init; } = FreePorts.Next();
    public int GatewayPort { get; init; } = FreePorts.Next();
    public string? BootstrapKey { get; init; }
    public string? SqlitePath { get; init; }
    public string? PostgresConnectionString { get; init; }
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Environment variables of the host's process (e.g. the standard <c>OTEL_*</c> ones), besides the test's own.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The per-key rate limits (Limits:Rate) every role gets, permits per second and burst alike: lifted far above what
    /// any client should send, as the tests drive hosts harder (load, kill and cluster tests) and the benchmark measures
    /// the engine at full speed, not the limits. The limit tests set their own in <see cref="Extra"/>.
    /// </summary>
    public int LiftedRateLimit { get; init; } = 100_000;

    /// <summary>How long a client from <see cref="HostProcess.CreateClient"/> waits for an answer.</summary>
    public TimeSpan ClientTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public static HostSettings Sqlite(string path, string? bootstrapKey) => new() { SqlitePath = path, BootstrapKey = bootstrapKey };

    public static HostSettings Postgres(string connectionString, string? bootstrapKey) =>
        new() { PostgresConnectionString = connectionString, BootstrapKey = bootstrapKey };

    public IEnumerable<(string Key, string Value)> Arguments()
    {
        yield return ("urls", $"http://127.0.0.1:{HttpPort}");
        yield return ("Cluster:SiloPort", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Cluster:GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (PostgresConnectionString is not null)
        {
            yield return ("Storage:Provider", "PostgreSQL");
            yield return ("Storage:ConnectionString", PostgresConnectionString);
        }
        else if (SqlitePath is not null)
        {
            yield return ("Storage:Sqlite:Path", SqlitePath);
        }
        // Per-key rate limits are lifted (LiftedRateLimit); settings in Extra are given after these, so they win.
        var lifted = LiftedRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var role in new[] { "Coordinator", "Member", "Integration" })
        {
            yield return ($"Limits:Rate:{role}:PermitsPerSecond", lifted);
            yield return ($"Limits:Rate:{role}:Burst", lifted);
        }
        foreach (var (key, value) in Extra)
        {
            yield return (key, value);
        }
    }
}
