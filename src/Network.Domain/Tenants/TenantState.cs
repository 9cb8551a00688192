using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Tenants;

/// <summary>The stored state of a tenant grain (JSON in the database, so operators can read it).</summary>
public sealed class TenantState
{
    public const string StateName = "tenant";

    public TenantListRow ToListRow() => new(Path, Id, Name, Kind, Aliases.ToList(), Version);

    /// <summary>
    /// Counts the writes, so the tenant list row only moves forward: a start-up rebuild that read an older state
    /// cannot put back what a later write changed (state stored before the counter existed reads as 0).
    /// </summary>
    public long Version { get; set; }

    public bool Exists { get; set; }
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? ParentId { get; set; }
    public string Path { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Other names and acronyms, so a report's "who" text can find this tenant.</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>Kept here so listing children is one call, not one per child.</summary>
    public List<ChildTenantEntry> Children { get; set; } = [];

    public List<ApiKeyRecord> Keys { get; set; } = [];
}

public sealed class ChildTenantEntry
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The call that created the child (<see cref="NewTenant.CreationId"/>); null for children created before it was kept.</summary>
    public string? CreationId { get; set; }
}

public sealed class ApiKeyRecord
{
    public string Id { get; set; } = "";
    public TenantRole Role { get; set; }
    public string Label { get; set; } = "";

    /// <summary>SHA-256 of the key, hex. The key itself is never stored.</summary>
    public string SecretHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When the key stops working by itself (set at issue, or by a rotation's overlap); null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When it was last used, to within <see cref="ApiKeys.ApiKeyLifetime.LastUseGranularity"/>.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The key issued to replace this one by a rotation.</summary>
    public string? ReplacedBy { get; set; }

    /// <summary>The key this one replaced.</summary>
    public string? RotatedFrom { get; set; }

    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    public ApiKeyInfo ToInfo() => new(Id, Role, Label, CreatedAt, RevokedAt, ExpiresAt, LastUsedAt, ReplacedBy, RotatedFrom);
}
