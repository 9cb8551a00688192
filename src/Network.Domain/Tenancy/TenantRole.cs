using Network.Contracts.Tenants;

namespace Network.Domain.Tenancy;

/// <summary>What an API key may do. See <see cref="ApiKeyRoles"/> for the wire names.</summary>
public enum TenantRole
{
    /// <summary>The key's tenant and all its descendants.</summary>
    Coordinator,

    /// <summary>The key's own tenant only.</summary>
    Member,

    /// <summary>Messages from the tenant's own systems only.</summary>
    Integration,
}

public static class TenantRoles
{
    public static string ToWire(this TenantRole role) => role switch
    {
        TenantRole.Coordinator => ApiKeyRoles.Coordinator,
        TenantRole.Member => ApiKeyRoles.Member,
        TenantRole.Integration => ApiKeyRoles.Integration,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static TenantRole Parse(string? wire, string field) => wire switch
    {
        ApiKeyRoles.Coordinator => TenantRole.Coordinator,
        ApiKeyRoles.Member => TenantRole.Member,
        ApiKeyRoles.Integration => TenantRole.Integration,
        _ => throw new Errors.DomainValidationException(field,
            $"'{wire}' is not a role: use one of {string.Join(", ", ApiKeyRoles.All)}."),
    };
}
