using Network.Testing;

namespace Network.Bench;

/// <summary>
/// The host as the benchmark starts it (<see cref="HostProcess"/>): the per-key rate limits (Limits:Rate) lifted
/// further than the tests lift them, as the benchmark measures the engine at full speed, not the limits; a scenario's
/// own settings come after and win. Its clients wait up to 60 s for an answer from a host under load.
/// </summary>
internal static class BenchHostSettings
{
    public static HostSettings For(IReadOnlyDictionary<string, string> settings, string bootstrapKey) => new()
    {
        BootstrapKey = bootstrapKey,
        Extra = settings,
        LiftedRateLimit = 1_000_000,
        ClientTimeout = TimeSpan.FromSeconds(60),
    };
}
