using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.ApiKeys;

public sealed class ApiKeyIndexGrain(
    [PersistentState("apikey", StorageNames.Network)] IPersistentState<ApiKeyIndexGrain.State> state)
    : Grain, IApiKeyIndexGrain
{
    public sealed class State
    {
        public string? Tenant { get; set; }
        public string? KeyId { get; set; }
    }

    public async Task Register(ApiKeyLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (state.State.Tenant is not null)
        {
            // 256 random bits never collide; a second registration means the same key was offered twice
            // (e.g. a reused bootstrap key), which must not move it to another tenant.
            throw new Errors.DomainConflictException("This key is already registered.");
        }
        state.State.Tenant = location.Tenant.Value;
        state.State.KeyId = location.KeyId;
        await state.WriteOrStartOverAsync(this);
    }

    public Task<ApiKeyLocation?> Resolve() => Task.FromResult(
        state.State is { Tenant: { } tenant, KeyId: { } keyId }
            ? new ApiKeyLocation(TenantPath.Parse(tenant), keyId)
            : null);
}
