using Network.Domain.Tenants;

namespace Network.Domain.Tenancy;

/// <summary>Finds tenants by id on behalf of a caller, answering "not found" for what the caller may not reach.</summary>
public sealed class TenantDirectory(IGrainFactory grains)
{
    /// <summary>The tenant grain for <paramref name="tenantId"/>, or null when it does not exist or is out of reach.</summary>
    public async Task<ITenantGrain?> FindAsync(string tenantId, TenantCaller caller) =>
        await FindPathAsync(tenantId, caller) is { } path ? Grain(path) : null;

    public ITenantGrain Grain(TenantPath path) => grains.GetGrain<ITenantGrain>(path.Value);

    /// <summary>The path of <paramref name="tenantId"/>, or null when it does not exist or is out of reach.</summary>
    public async Task<TenantPath?> FindPathAsync(string tenantId, TenantCaller caller)
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
        return path is { } p && caller.CanReach(p) ? p : null;
    }
}
