using Network.Contracts.Tenants;
using Network.Domain.Tenancy;

namespace Network.Domain.Tenants;

/// <summary>From the grains' types to the wire contracts.</summary>
public static class TenantMapping
{
    public static TenantResource ToResource(this TenantSnapshot tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new(tenant.Id, tenant.Name, tenant.Kind, tenant.ParentId, tenant.Path.Value, tenant.CreatedAt);
    }

    public static ApiKeySummary ToSummary(this ApiKeyInfo key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.Role.ToWire(), key.Label, key.CreatedAt, key.RevokedAt);
    }

    public static CreatedApiKey ToCreated(this IssuedApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Info.Id, key.Info.Role.ToWire(), key.Info.Label, key.Info.CreatedAt, key.Secret);
    }
}
