using Network.Contracts.Tenants;
using Network.Domain.Audit;
using Network.Domain.Errors;
using Network.Domain.Links;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Tenants;

/// <summary>
/// The tenant tree and its keys, for every door (HTTP, web app). Reads the caller from <see cref="TenantCallContext"/>;
/// a tenant out of the caller's reach is the same "not found" as one that does not exist.
/// </summary>
public sealed class TenantService(CallerAccess access, ITenantReadModel tenants, ITenantLinkOpener links, IGrainFactory grains, Auditor auditor, TimeProvider clock)
{
    public async Task<TenantResource> GetAsync(string tenantId)
    {
        var tenant = access.Directory.Grain(await access.TenantAsync(tenantId, "id"));
        var snapshot = await tenant.Describe() ?? throw new DomainNotFoundException($"No tenant '{tenantId}'.");
        return snapshot.ToResource();
    }

    public async Task<IReadOnlyList<TenantResource>> ChildrenAsync(string tenantId)
    {
        var tenant = access.Directory.Grain(await access.TenantAsync(tenantId, "id"));
        var children = await tenant.GetChildren();
        return children.Select(c => c.ToResource()).ToList();
    }

    /// <summary>
    /// The tenant and every descendant the caller reaches, depth-first (siblings by id), with every detail: the set
    /// comes from the tenant read model in one query, each tenant's details from its grain. For names and places
    /// alone, <see cref="SubtreeSummariesAsync"/> asks no grain.
    /// </summary>
    public async Task<IReadOnlyList<TenantResource>> SubtreeAsync(string tenantId)
    {
        var reachable = await ReachableSubtreeAsync(tenantId);
        var snapshots = await Task.WhenAll(reachable.Select(r => access.Directory.Grain(TenantPath.Parse(r.Path)).Describe()));
        return snapshots.OfType<TenantSnapshot>().Select(s => s.ToResource()).ToList();
    }

    /// <summary>
    /// The same tenants as <see cref="SubtreeAsync"/>, in the same order, with their ids, names, kinds and places only:
    /// one read-model query, no grain call (nor, for tenants idle long enough to be deactivated, a read of each one's
    /// state), however large the subtree. What the dashboard's filter and by-owner panel, the tree and the campaign
    /// form need on every load; the README's dashboard benchmark says what it saved.
    /// </summary>
    public async Task<IReadOnlyList<TenantSummaryResource>> SubtreeSummariesAsync(string tenantId)
    {
        var reachable = await ReachableSubtreeAsync(tenantId);
        return reachable.Select(r => new TenantSummaryResource(r.Id, r.Name, r.Kind, TenantPath.Parse(r.Path).Parent?.TenantId, r.Path)).ToList();
    }

    /// <summary>The read model's rows of the tenant's subtree that the caller reaches, depth-first, siblings by id.</summary>
    private async Task<List<TenantListRow>> ReachableSubtreeAsync(string tenantId)
    {
        var caller = CallerAccess.Caller;
        var top = await access.TenantAsync(tenantId, "id");
        var rows = await tenants.SubtreeAsync(top.Value);
        // A member key reaches its own tenant only, a coordinator its whole subtree: the same rule as everywhere.
        return rows.Where(r => caller.CanReach(TenantPath.Parse(r.Path)))
            .OrderBy(r => r.Path.Split(TenantPath.Separator), SegmentOrder.Instance)
            .ToList();
    }

    public Task<TenantResource> CreateAsync(CreateTenantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return auditor.ChangeAsync(AuditActions.TenantCreate, request.Parent ?? "", $"tenant/{request.Id}", () => CreateCoreAsync(request));
    }

    private async Task<TenantResource> CreateCoreAsync(CreateTenantRequest request)
    {
        _ = CallerAccess.Caller; // fail closed before anything else, even input checks
        // Check the new tenant's own fields before looking up the parent, so a bad body never reveals anything.
        // The call's own id: sent again while the cluster changes (ClusterChangeRetryFilter), it gets the tenant it made.
        var validated = TenantRules.Validate(new NewTenant(request.Id, request.Name, request.Kind, CreationId: "call-" + Guid.NewGuid().ToString("N")));
        var parent = access.Directory.Grain(await access.TenantAsync(request.Parent, "parent"));
        RequireCoordinatorKey("create tenants");
        var created = await parent.CreateChild(validated);
        return created.ToResource();
    }

    /// <summary>Issues a key; its secret is in this answer only. An integration key opens the tenant's link on the bus.</summary>
    public Task<CreatedApiKeyResource> IssueKeyAsync(string tenantId, CreateApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return auditor.ChangeAsync(AuditActions.KeyIssue, tenantId, $"keys/{request.Role}", () => IssueKeyCoreAsync(tenantId, request, cancellationToken));
    }

    private async Task<CreatedApiKeyResource> IssueKeyCoreAsync(string tenantId, CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        var role = TenantRoles.Parse(request.Role, "role");
        var tenant = access.Directory.Grain(await access.TenantAsync(tenantId, "id"));
        RequireCoordinatorKey("issue keys");
        var issued = await tenant.IssueKey(role, request.Label, request.ExpiresAt);
        if (role == TenantRole.Integration)
        {
            // The tenant's exchanges exist before its systems get the key to publish with.
            await links.OpenSoonAsync(tenantId, cancellationToken);
        }
        return issued.ToCreated();
    }

    public async Task<IReadOnlyList<ApiKeySummaryResource>> ListKeysAsync(string tenantId)
    {
        var tenant = access.Directory.Grain(await access.TenantAsync(tenantId, "id"));
        RequireCoordinatorKey("list keys");
        var keys = await tenant.ListKeys();
        var now = clock.GetUtcNow();
        return keys.Select(k => k.ToSummary(now)).ToList();
    }

    /// <summary>
    /// Issues a key to replace <paramref name="keyId"/> (same role and label; its secret in this answer only); the old
    /// key keeps working for the overlap, so the systems using it can change over. Coordinators only.
    /// </summary>
    public Task<RotatedApiKeyResource> RotateKeyAsync(string tenantId, string keyId, RotateApiKeyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return auditor.ChangeAsync(AuditActions.KeyRotate, tenantId, $"key/{keyId}", async () =>
        {
            var overlap = ApiKeys.ApiKeyLifetime.Overlap(request.Overlap);
            var tenant = access.Directory.Grain(await access.TenantAsync(tenantId, "id"));
            RequireCoordinatorKey("rotate keys");
            var rotated = await tenant.RotateKey(keyId, overlap, request.ExpiresAt);
            return new RotatedApiKeyResource(rotated.Replacement.ToCreated(), rotated.Previous.ToSummary(clock.GetUtcNow()));
        });
    }

    /// <summary>Revokes a key at once. Revoking the tenant's last integration key closes its link on the bus.</summary>
    public Task RevokeKeyAsync(string tenantId, string keyId, CancellationToken cancellationToken = default) =>
        auditor.ChangeAsync(AuditActions.KeyRevoke, tenantId, $"key/{keyId}", () => RevokeKeyCoreAsync(tenantId, keyId, cancellationToken));

    private async Task RevokeKeyCoreAsync(string tenantId, string keyId, CancellationToken cancellationToken)
    {
        var path = await access.TenantAsync(tenantId, "id");
        var tenant = access.Directory.Grain(path);
        RequireCoordinatorKey("revoke keys");
        var revoked = await tenant.RevokeKey(keyId);
        if (revoked.Role == TenantRole.Integration && !await IsLinkedAsync(path))
        {
            // Its exchanges, queue and consumer go, so nothing is taken in that no key may send any more.
            await links.CloseSoonAsync(path.TenantId, cancellationToken);
        }
    }

    /// <summary>
    /// Whether the tenant has a link on the message bus (it was given an integration key, so its exchanges are
    /// declared and the events that concern it go out). The link directory is the engine's; the reach check is here.
    /// </summary>
    public async Task<bool> HasLinkAsync(string tenantId)
    {
        return await IsLinkedAsync(await access.TenantAsync(tenantId, "id"));
    }

    private async Task<bool> IsLinkedAsync(TenantPath path)
    {
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var linked = await grains.GetGrain<ITenantLinkDirectoryGrain>(ITenantLinkDirectoryGrain.Key).Linked([path.Value]);
        return linked.Count > 0;
    }

    // The words the tenant grain has always used for this refusal (it checks again, for calls that bypass services).
    private static void RequireCoordinatorKey(string action)
    {
        var caller = CallerAccess.Caller;
        if (!caller.IsSystem && caller.Role != TenantRole.Coordinator)
        {
            throw new RoleForbiddenException($"A {caller.Role.ToWire()} key may not {action}; a coordinator key is needed.");
        }
    }

    /// <summary>Paths compared segment by segment, so a parent comes right before its own children.</summary>
    private sealed class SegmentOrder : IComparer<string[]>
    {
        public static SegmentOrder Instance { get; } = new();

        public int Compare(string[]? x, string[]? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                var order = string.CompareOrdinal(x[i], y[i]);
                if (order != 0)
                {
                    return order;
                }
            }
            return x.Length.CompareTo(y.Length);
        }
    }
}
