using System.Globalization;

namespace Network.Bench;

/// <summary>
/// The garbage collector's counts when a timed phase began, to say what it did during the phase: a phase of a second
/// or two can lose a tenth of its rate to one blocking collection, and bytes allocated per event are a count that
/// machine load does not blur (events/s on this 2-core VM moves by a fifth between minutes).
/// </summary>
internal readonly record struct PhaseGc(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
{
    public static PhaseGc Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

    /// <summary>
    /// What the collector did since this mark, and the KB the whole process allocated meanwhile (the silo's own work
    /// too) per event of the <paramref name="events"/> the phase sent.
    /// </summary>
    public string Since(int events)
    {
        var now = Now();
        var perEvent = (now.Allocated - Allocated) / (double)Math.Max(events, 1) / 1024;
        return string.Create(CultureInfo.InvariantCulture,
            $"GC: {now.Gen0 - Gen0} collections ({now.Gen1 - Gen1} gen 1, {now.Gen2 - Gen2} gen 2), {(now.Paused - Paused).TotalMilliseconds:N0} ms paused; {perEvent:N1} KB allocated per event");
    }
}
