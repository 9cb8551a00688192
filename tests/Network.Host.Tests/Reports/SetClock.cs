namespace Network.Host.Tests.Reports;

/// <summary>
/// A clock a test sets to a chosen moment, from which it runs on with real time (so history entries keep their
/// order): the host records imports and progress at the dates a report test needs.
/// </summary>
public sealed class SetClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _setAt = start;
    private DateTimeOffset _realAtSet = System.GetUtcNow();

    public void Set(DateTimeOffset moment)
    {
        lock (_gate)
        {
            _setAt = moment;
            _realAtSet = System.GetUtcNow();
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _setAt + (System.GetUtcNow() - _realAtSet);
        }
    }
}
