namespace Network.Bench;

/// <summary>
/// What one engine measured; the child process that ran it hands this to the parent as one JSON line.
/// Routed*: events sent through the engine's own event route, where it has one apart from the measured call (0: none).
/// </summary>
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
    double WorkingSetBytesPerIdleInstance,
    int RoutedEvents,
    double RoutedP50Milliseconds,
    double RoutedP99Milliseconds);
