namespace Network.Domain.Tenancy;

/// <summary>
/// Implemented by a tenant-scoped grain that tenants other than its home may reach too, e.g. a commitment shared
/// with the tenants that own it. <see cref="TenantIsolationFilter"/> asks the activation itself, from its loaded
/// state, so the rule lives with the data it depends on.
/// </summary>
public interface ITenantSharedGrain
{
    bool IsSharedWith(TenantCaller caller);
}
