using Network.Domain.Tenants;

namespace Network.Domain.Tenancy;

/// <summary>Finds tenants by id on behalf of a caller, answering "not found" for what the caller may not reach.</summary>
public sealed class TenantDirectory(IGrainFactory grains)
{
    /// <summary>The tenant grain for <paramref name="tenantId"/>, or null when it does not exist or is out of reach.</summary>
    public async Task<ITenantGrain?> FindAsync(string tenantId, TenantCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!TenantIds.IsValid(tenantId))
        {
            return null;
        }
        TenantPath? path;
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            path = await grains.GetGrain<ITenantDirectoryGrain>(tenantId).Resolve();
        }
        return path is { } p && caller.CanReach(p) ? grains.GetGrain<ITenantGrain>(p.Value) : null;
    }
}
