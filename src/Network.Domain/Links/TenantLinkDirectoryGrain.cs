using Network.Domain.Storage;

namespace Network.Domain.Links;

[GrainType("tenant-link-directory")]
public sealed class TenantLinkDirectoryGrain(
    [PersistentState("tenant-links", StorageNames.Network)] IPersistentState<TenantLinkDirectoryGrain.State> state)
    : Grain, ITenantLinkDirectoryGrain
{
    public sealed class State
    {
        /// <summary>Tenant path by tenant id.</summary>
        public Dictionary<string, string> Links { get; set; } = new(StringComparer.Ordinal);
    }

    public async Task Add(string tenantId, string tenantPath)
    {
        EngineOnly.Require("links");
        if (state.State.Links.TryGetValue(tenantId, out var known) && known == tenantPath)
        {
            return;
        }
        state.State.Links[tenantId] = tenantPath;
        await state.WriteOrStartOverAsync(this);
    }

    public async Task Remove(string tenantId)
    {
        EngineOnly.Require("links");
        if (state.State.Links.Remove(tenantId))
        {
            await state.WriteOrStartOverAsync(this);
        }
    }

    public Task<IReadOnlyList<TenantLink>> List()
    {
        EngineOnly.Require("links");
        return Task.FromResult<IReadOnlyList<TenantLink>>(state.State.Links.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new TenantLink(l.Key, l.Value)).ToList());
    }

    public Task<IReadOnlyList<string>> Linked(IReadOnlyList<string> tenantPaths)
    {
        ArgumentNullException.ThrowIfNull(tenantPaths);
        EngineOnly.Require("links");
        var wanted = tenantPaths.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<string>>(
            state.State.Links.Where(l => wanted.Contains(l.Value)).Select(l => l.Key).Order(StringComparer.Ordinal).ToList());
    }
}
