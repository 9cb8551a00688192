using Network.Domain.Tenancy;

namespace Network.Domain.ApiKeys;

/// <summary>Where an API key lives, so a presented key can be checked without knowing its tenant.</summary>
[GenerateSerializer, Immutable]
public sealed record ApiKeyLocation([property: Id(0)] TenantPath Tenant, [property: Id(1)] string KeyId);

/// <summary>
/// Keyed by the SHA-256 of an API key. Holds only a location to the tenant grain that owns the key; whether the key
/// is valid (not revoked, hash matching) is decided there, so revocation has one source of truth.
/// </summary>
public interface IApiKeyIndexGrain : IGrainWithStringKey
{
    Task Register(ApiKeyLocation location);

    Task<ApiKeyLocation?> Resolve();
}
