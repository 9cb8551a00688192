namespace Network.Domain.Tests.Support;

/// <summary>
/// The system clock, moved forward by an offset a test sets (and must reset): lets a grain test reach a due time
/// without waiting for it. Tests of the cluster collection run one at a time, so a shift never leaks into another.
/// </summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
