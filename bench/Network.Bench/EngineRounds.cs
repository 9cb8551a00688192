namespace Network.Bench;

/// <summary>
/// One engine's figures from each round of a run (<see cref="BenchOptions.Rounds"/>), in order, and the median of
/// each figure over them: what the result table and the JSON give.
/// </summary>
internal sealed record EngineRounds(IReadOnlyList<EngineFigures> Rounds)
{
    /// <summary>
    /// Each figure's own median (of an even number of rounds, the mean of the middle two); what does not vary between
    /// rounds (the engine, its store, the calls in flight) from the first. A figure's median may come from another
    /// round than another figure's: each is the engine's middle reading of that figure.
    /// </summary>
    public EngineFigures Median()
    {
        var first = Rounds.Count > 0 ? Rounds[0] : throw new InvalidOperationException("An engine without rounds has no median.");
        return first with
        {
            StartsPerSecond = MedianOf(f => f.StartsPerSecond),
            EventsPerSecond = MedianOf(f => f.EventsPerSecond),
            EventsPerSecondWithIdle = MedianOf(f => f.EventsPerSecondWithIdle),
            P50Milliseconds = MedianOf(f => f.P50Milliseconds),
            P99Milliseconds = MedianOf(f => f.P99Milliseconds),
            IdleSeconds = MedianOf(f => f.IdleSeconds),
            HeapBytesPerIdleInstance = MedianOf(f => f.HeapBytesPerIdleInstance),
            WorkingSetBytesPerIdleInstance = MedianOf(f => f.WorkingSetBytesPerIdleInstance),
        };
    }

    private double MedianOf(Func<EngineFigures, double> figure)
    {
        var sorted = Rounds.Select(figure).Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
