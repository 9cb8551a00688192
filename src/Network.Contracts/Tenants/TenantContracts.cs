namespace Network.Contracts.Tenants;

/// <summary>The request to create a tenant under an existing parent.</summary>
/// <param name="Id">Lower-case id, 2 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit.</param>
/// <param name="Name">Display name, e.g. "Transnational Migrant Platform".</param>
/// <param name="Kind">One of <c>organisation</c>, <c>platform</c>, <c>campaign</c> (<c>network</c> is the root's kind).</param>
/// <param name="Parent">Id of the parent tenant.</param>
/// <param name="Aliases">Other names and acronyms the tenant goes by, so reports that say "TMP" find it.</param>
public sealed record CreateTenantRequest(string Id, string Name, string Kind, string Parent, IReadOnlyList<string>? Aliases = null);

/// <summary>A tenant as the API shows it.</summary>
/// <param name="Path">The ids from the root down to this tenant, joined by '/', e.g. <c>network/tmp</c>.</param>
public sealed record TenantResource(
    string Id,
    string Name,
    string Kind,
    string? Parent,
    string Path,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string>? Aliases = null);

/// <summary>A tenant as lists and choices show it (the tree, a filter, a partner to pick): who it is and where.</summary>
/// <param name="Path">The ids from the root down to this tenant, joined by '/', e.g. <c>network/tmp</c>.</param>
public sealed record TenantSummaryResource(string Id, string Name, string Kind, string? Parent, string Path);

/// <summary>The request to issue an API key for a tenant.</summary>
/// <param name="Role">One of <c>coordinator</c>, <c>member</c>, <c>integration</c>.</param>
/// <param name="Label">What the key is for, e.g. "CRM sync"; shown in key lists.</param>
/// <param name="ExpiresAt">When the key stops working by itself (at most five years on); absent: it works until revoked or rotated.</param>
public sealed record CreateApiKeyRequest(string Role, string Label, DateTimeOffset? ExpiresAt = null);

/// <summary>The request to rotate a key: a new one with its role and label, the old one valid for the overlap more.</summary>
/// <param name="Overlap">How long the old key keeps working, as an ISO 8601 duration (<c>P7D</c>, <c>PT12H</c>; <c>PT0S</c>: it ends now); one day when absent, at most 90.</param>
/// <param name="ExpiresAt">When the new key stops working by itself; absent: as long after now as the old key was issued for (never, if it never expired).</param>
public sealed record RotateApiKeyRequest(string? Overlap = null, DateTimeOffset? ExpiresAt = null);

/// <summary>A rotation's answer: the new key (shown this once) and the old key with the end of its overlap.</summary>
public sealed record RotatedApiKeyResource(CreatedApiKeyResource Key, ApiKeySummaryResource Previous);

/// <summary>A newly issued key. <see cref="Key"/> is shown this once and never again.</summary>
public sealed record CreatedApiKeyResource(string Id, string Role, string Label, DateTimeOffset CreatedAt, string Key, DateTimeOffset? ExpiresAt = null);

/// <summary>A key as key lists show it: never the key itself.</summary>
/// <param name="Status"><c>active</c>; <c>replaced</c> (rotated, still valid until <see cref="ExpiresAt"/>); <c>expired</c>; <c>revoked</c>.</param>
/// <param name="LastUsedAt">When a request or message last used it, to within five minutes; null: never.</param>
/// <param name="ReplacedBy">The key a rotation issued to replace it.</param>
/// <param name="RotatedFrom">The key it replaced.</param>
public sealed record ApiKeySummaryResource(
    string Id, string Role, string Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt = null,
    DateTimeOffset? LastUsedAt = null, string? ReplacedBy = null, string? RotatedFrom = null, string Status = "active");
