using Network.Domain.Tenancy;
using Network.Domain.Tenants;

namespace Network.Domain.ApiKeys;

/// <summary>Turns a presented API key into the caller it stands for, or null when it is unknown or revoked.</summary>
public sealed class ApiKeyAuthenticator(IGrainFactory grains)
{
    public async Task<TenantCaller?> AuthenticateAsync(string presentedKey) => (await AuthenticateKeyAsync(presentedKey))?.Caller;

    /// <summary>The caller and key record behind a presented key (the API names its label in the audit trail), or null.</summary>
    public Task<AuthenticatedKey?> AuthenticateKeyAsync(string presentedKey) =>
        string.IsNullOrWhiteSpace(presentedKey) ? Task.FromResult<AuthenticatedKey?>(null) : AuthenticateHashAsync(ApiKeySecrets.Hash(presentedKey));

    /// <summary>
    /// The caller and key record behind a key's stored hash, or null when it is unknown or revoked. The web app keeps
    /// only the hash of the key it signed in with and asks again before each call, so a revoked key stops at once.
    /// </summary>
    public async Task<AuthenticatedKey?> AuthenticateHashAsync(string secretHash)
    {
        if (string.IsNullOrWhiteSpace(secretHash))
        {
            return null;
        }
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var location = await grains.GetGrain<IApiKeyIndexGrain>(secretHash).Resolve();
        if (location is null)
        {
            return null;
        }
        var key = await grains.GetGrain<ITenantGrain>(location.Tenant.Value).VerifyKeyInfo(location.KeyId, secretHash);
        return key is null ? null : new AuthenticatedKey(TenantCaller.ForKey(location.Tenant, key.Role, key.Id), key.Label);
    }
}

/// <summary>A valid key: the caller it stands for and the label its coordinator gave it.</summary>
public sealed record AuthenticatedKey(TenantCaller Caller, string Label);
