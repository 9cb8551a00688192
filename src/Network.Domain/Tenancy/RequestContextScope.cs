namespace Network.Domain.Tenancy;

/// <summary>
/// Sets a value in Orleans' <see cref="RequestContext"/> (which flows with every grain call and the calls that grain
/// makes) for the calls made from here on, and puts back what was there when the returned scope is disposed. The one
/// home of the caller (<see cref="TenantCallContext"/>), the audit actor and the change a call is making.
/// </summary>
public static class RequestContextScope
{
    /// <param name="value">The value; null removes the key for the scope.</param>
    public static IDisposable Enter(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var previous = RequestContext.Get(key);
        // Orleans copies the whole context on every change: a scope that would set what is there already (a system
        // call inside a system call, no change declared inside none) changes nothing, so it leaves the context alone.
        if (Equals(previous, value))
        {
            return Unchanged.Instance;
        }
        Set(key, value);
        return new Restore(key, previous);
    }

    private static void Set(string key, object? value)
    {
        if (value is null)
        {
            RequestContext.Remove(key);
        }
        else
        {
            RequestContext.Set(key, value);
        }
    }

    private sealed class Unchanged : IDisposable
    {
        public static readonly Unchanged Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class Restore(string key, object? previous) : IDisposable
    {
        public void Dispose() => Set(key, previous);
    }
}
