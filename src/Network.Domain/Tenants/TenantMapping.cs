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

    public static ApiKeySummaryResource ToSummary(this ApiKeyInfo key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var status = key.RevokedAt is not null ? "revoked"
            : key.ExpiresAt is { } end && end <= now ? "expired"
            : key.ReplacedBy is not null ? "replaced"
            : "active";
        return new(key.Id, key.Role.ToWire(), key.Label, key.CreatedAt, key.RevokedAt, key.ExpiresAt, key.LastUsedAt, key.ReplacedBy,
            key.RotatedFrom, status);
    }

    public static CreatedApiKeyResource ToCreated(this IssuedApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Info.Id, key.Info.Role.ToWire(), key.Info.Label, key.Info.CreatedAt, key.Secret, key.Info.ExpiresAt);
    }
}
