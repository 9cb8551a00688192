using Network.Domain.Tenancy;
using Network.Domain.Tenants;

namespace Network.Domain.ApiKeys;

/// <summary>Turns a presented API key into the caller it stands for, or null when it is unknown or revoked.</summary>
public sealed class ApiKeyAuthenticator(IGrainFactory grains)
{
    public async Task<TenantCaller?> AuthenticateAsync(string presentedKey)
    {
        if (string.IsNullOrWhiteSpace(presentedKey))
        {
            return null;
        }
        var hash = ApiKeySecrets.Hash(presentedKey);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var location = await grains.GetGrain<IApiKeyIndexGrain>(hash).Resolve();
        if (location is null)
        {
            return null;
        }
        var role = await grains.GetGrain<ITenantGrain>(location.Tenant.Value).VerifyKey(location.KeyId, hash);
        return role is { } r ? TenantCaller.ForKey(location.Tenant, r, location.KeyId) : null;
    }
}
