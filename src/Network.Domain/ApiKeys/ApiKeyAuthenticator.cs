using System.Collections.Concurrent;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;

namespace Network.Domain.ApiKeys;

/// <summary>Turns a presented API key into the caller it stands for, or null when it is unknown or revoked.</summary>
public sealed class ApiKeyAuthenticator(IGrainFactory grains)
{
    /// <summary>
    /// The most key locations remembered; past it the memory starts over. A deployment has hundreds of keys, and only
    /// keys found in the index are remembered, so a caller trying made-up keys cannot fill it.
    /// </summary>
    internal const int MostRememberedLocations = 10_000;

    /// <summary>
    /// Where each key found so far lives. A location never changes once registered (the index refuses a second
    /// registration, and tenants are neither moved nor deleted), so it is safe to remember; whether the key is still
    /// valid is asked of its tenant every time, so a revocation stops it at once on every silo.
    /// </summary>
    private readonly ConcurrentDictionary<string, ApiKeyLocation> _locations = new(StringComparer.Ordinal);

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
        var location = await LocateAsync(secretHash);
        if (location is null)
        {
            return null;
        }
        var key = await grains.GetGrain<ITenantGrain>(location.Tenant.Value).VerifyKeyInfo(location.KeyId, secretHash);
        return key is null ? null : new AuthenticatedKey(TenantCaller.ForKey(location.Tenant, key.Role, key.Id), key.Label);
    }

    private async Task<ApiKeyLocation?> LocateAsync(string secretHash)
    {
        if (_locations.TryGetValue(secretHash, out var remembered))
        {
            return remembered;
        }
        var location = await grains.GetGrain<IApiKeyIndexGrain>(secretHash).Resolve();
        if (location is not null)
        {
            if (_locations.Count >= MostRememberedLocations)
            {
                _locations.Clear();
            }
            _locations[secretHash] = location;
        }
        return location;
    }
}

/// <summary>A valid key: the caller it stands for and the label its coordinator gave it.</summary>
public sealed record AuthenticatedKey(TenantCaller Caller, string Label);
