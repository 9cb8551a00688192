namespace Network.Bench;

/// <summary>What one engine measured; the child process that ran it hands this to the parent as one JSON line.</summary>
/// <param name="EventsPerSecondWithIdle">Events/s again, on fresh instances, once the idle instances are waiting.</param>
internal sealed record EngineFigures(
    BenchEngine Kind,
    string Engine,
    string Store,
    int InFlight,
    double StartsPerSecond,
    double EventsPerSecond,
    double EventsPerSecondWithIdle,
    double P50Milliseconds,
    double P99Milliseconds,
    int IdleInstances,
    int IdleInFlight,
    double IdleSeconds,
    double HeapBytesPerIdleInstance,
    double WorkingSetBytesPerIdleInstance);
