namespace Network.Domain.Tenancy;

/// <summary>
/// Carries the <see cref="TenantCaller"/> in Orleans' <see cref="RequestContext"/>, which flows with every grain call
/// and on to the calls that grain makes.
/// </summary>
public static class TenantCallContext
{
    private const string Key = "network.caller";

    public static TenantCaller? Current => RequestContext.Get(Key) as TenantCaller;

    /// <summary>Sets the caller for the calls made from here on, until the returned scope is disposed.</summary>
    public static IDisposable Enter(TenantCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return RequestContextScope.Enter(Key, caller);
    }
}
