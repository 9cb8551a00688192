namespace Network.Bench;

/// <summary>What one engine measured; the child process that ran it hands this to the parent as one JSON line.</summary>
internal sealed record EngineFigures(
    string Engine,
    string Store,
    int InFlight,
    double StartsPerSecond,
    double EventsPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    int IdleInstances,
    int IdleInFlight,
    double IdleSeconds,
    double HeapBytesPerIdleInstance,
    double WorkingSetBytesPerIdleInstance);
