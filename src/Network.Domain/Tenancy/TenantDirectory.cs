using System.Collections.Concurrent;
using Network.Domain.Tenants;

namespace Network.Domain.Tenancy;

/// <summary>Finds tenants by id on behalf of a caller, answering "not found" for what the caller may not reach.</summary>
public sealed class TenantDirectory(IGrainFactory grains)
{
    /// <summary>
    /// The paths resolved so far. A tenant id is claimed for one path once and for good (<see cref="ITenantDirectoryGrain.Claim"/>:
    /// tenants are neither moved nor deleted, and an id is never given to another), so a path found once is the
    /// answer for the life of the process; every request and bus message asks, and now only the first goes to the
    /// grain. An id not found is not kept: the tenant may be created a moment later. Bounded by the number of tenants.
    /// </summary>
    private readonly ConcurrentDictionary<string, TenantPath> _resolved = new(StringComparer.Ordinal);

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
        var path = await ResolveAsync(tenantId);
        return path is { } p && caller.CanReach(p) ? p : null;
    }

    private async ValueTask<TenantPath?> ResolveAsync(string tenantId)
    {
        if (_resolved.TryGetValue(tenantId, out var known))
        {
            return known;
        }
        TenantPath? path;
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            path = await grains.GetGrain<ITenantDirectoryGrain>(tenantId).Resolve();
        }
        if (path is { } found)
        {
            _resolved.TryAdd(tenantId, found);
        }
        return path;
    }
}
