using Network.Domain.Tenancy;

namespace Network.Domain.Tenants;

/// <summary>
/// One tenant: its profile, its children and its API keys. Keyed by the tenant's path (see <see cref="TenantPath"/>).
/// Reach is checked by <see cref="TenantIsolationFilter"/>; the role rules are checked here.
/// </summary>
public interface ITenantGrain : ITenantScopedGrain
{
    /// <summary>The tenant, or null when no tenant was created at this path.</summary>
    Task<TenantSnapshot?> Describe();

    Task<IReadOnlyList<TenantSnapshot>> GetChildren();

    /// <summary>Creates a child tenant. Coordinators only. Retrying the same request after a failure completes it.</summary>
    Task<TenantSnapshot> CreateChild(NewTenant request);

    /// <summary>Called by the parent's <see cref="CreateChild"/>; makes this grain the tenant described.</summary>
    Task<TenantSnapshot> Initialize(NewTenant tenant, string parentId, DateTimeOffset createdAt);

    /// <summary>Makes sure the root tenant exists; the engine only, at start-up.</summary>
    Task<RootBootstrap> EnsureRoot(string name, string? bootstrapKey);

    /// <summary>Replaces the other names the tenant goes by. Coordinators only.</summary>
    Task<TenantSnapshot> SetAliases(IReadOnlyList<string> aliases);

    /// <summary>Issues a key; its secret is returned this once and stored only as a hash. Coordinators only.</summary>
    /// <param name="expiresAt">When it stops working by itself; null: never (revoke or rotate it).</param>
    Task<IssuedApiKey> IssueKey(TenantRole role, string label, DateTimeOffset? expiresAt = null);

    /// <summary>
    /// Issues a key with the old one's role and label to replace it; the old one stays valid for
    /// <paramref name="overlap"/> more (never longer than it would have), so the systems using it can change over.
    /// Coordinators only.
    /// </summary>
    Task<RotatedApiKey> RotateKey(string keyId, TimeSpan overlap, DateTimeOffset? expiresAt = null);

    Task<IReadOnlyList<ApiKeyInfo>> ListKeys();

    /// <summary>Revokes a key at once. Coordinators only.</summary>
    Task<ApiKeyInfo> RevokeKey(string keyId);

    /// <summary>
    /// The role of an active key (not revoked, not expired) whose secret hashes to <paramref name="secretHash"/>; notes
    /// its use (written at most every few minutes). The engine only.
    /// </summary>
    Task<TenantRole?> VerifyKey(string keyId, string secretHash);

    /// <summary>Like <see cref="VerifyKey"/>, with the key's record (its label for the web app's header); the engine only.</summary>
    Task<ApiKeyInfo?> VerifyKeyInfo(string keyId, string secretHash);
}
