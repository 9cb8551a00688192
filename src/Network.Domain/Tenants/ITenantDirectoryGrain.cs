using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.Tenants;

/// <summary>
/// Keyed by a tenant id; knows where in the tree that tenant is. Ids are unique across the whole network, and URLs
/// name tenants by id, so this is how a request finds the tenant grain (which is keyed by path).
/// </summary>
public interface ITenantDirectoryGrain : IGrainWithStringKey
{
    Task<TenantPath?> Resolve();

    /// <summary>
    /// Claims the id for <paramref name="path"/>. True when it is now (or was already) claimed for that same path,
    /// so a retried creation goes on; false when another tenant has the id.
    /// </summary>
    Task<bool> Claim(TenantPath path);
}

public sealed class TenantDirectoryGrain(
    [PersistentState("directory", StorageNames.Network)] IPersistentState<TenantDirectoryGrain.State> state)
    : Grain, ITenantDirectoryGrain
{
    public sealed class State
    {
        public string? Path { get; set; }
    }

    public Task<TenantPath?> Resolve() =>
        Task.FromResult(state.State.Path is { } path ? TenantPath.Parse(path) : (TenantPath?)null);

    public async Task<bool> Claim(TenantPath path)
    {
        if (state.State.Path is { } existing)
        {
            return string.Equals(existing, path.Value, StringComparison.Ordinal);
        }
        if (path.TenantId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Path '{path}' does not end in id '{this.GetPrimaryKeyString()}'.", nameof(path));
        }
        state.State.Path = path.Value;
        await state.WriteOrStartOverAsync(this);
        return true;
    }
}
