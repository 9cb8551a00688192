using Network.Contracts.Tenants;
using Network.Domain.ApiKeys;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.Tenants;

[GrainType("tenant")]
public sealed class TenantGrain(
    [PersistentState(TenantState.StateName, StorageNames.Network)] IPersistentState<TenantState> state,
    ITenantReadModel readModel,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Quotas.TenantQuotaOptions> quotas)
    : Grain, ITenantGrain
{
    private TenantPath Path => TenantPath.Parse(this.GetPrimaryKeyString());

    public Task<TenantSnapshot?> Describe() =>
        Task.FromResult(state.State.Exists ? Snapshot() : null);

    public Task<IReadOnlyList<TenantSnapshot>> GetChildren()
    {
        RequireExisting();
        IReadOnlyList<TenantSnapshot> children = state.State.Children
            .Select(c => new TenantSnapshot(c.Id, c.Name, c.Kind, state.State.Id, Path.Child(c.Id), c.CreatedAt, null))
            .ToList();
        return Task.FromResult(children);
    }

    public async Task<TenantSnapshot> CreateChild(NewTenant request)
    {
        RequireExisting();
        RequireCoordinator("create tenants");
        request = TenantRules.Validate(request);
        var childPath = Path.Child(request.Id);
        if (state.State.Children.Find(c => c.Id == request.Id) is { } existing)
        {
            if (request.CreationId is not null && existing.CreationId == request.CreationId)
            {
                // The same call sent again (its first answer was lost while the cluster changed): it gets its tenant.
                return await GrainFactory.GetGrain<ITenantGrain>(childPath.Value).Initialize(request, state.State.Id, existing.CreatedAt);
            }
            throw new DomainConflictException($"A tenant with id '{request.Id}' already exists.");
        }

        // Claim the id first: it is unique across the network. A retry after a crash finds its own claim and goes on.
        if (!await GrainFactory.GetGrain<ITenantDirectoryGrain>(request.Id).Claim(childPath))
        {
            throw new DomainConflictException($"A tenant with id '{request.Id}' already exists.");
        }

        // Initialize is idempotent, so the child a crashed attempt left behind is completed here, not duplicated.
        var child = await GrainFactory.GetGrain<ITenantGrain>(childPath.Value).Initialize(request, state.State.Id, clock.GetUtcNow());
        state.State.Children.Add(new ChildTenantEntry
        {
            Id = child.Id, Name = child.Name, Kind = child.Kind, CreatedAt = child.CreatedAt, CreationId = request.CreationId,
        });
        await WriteAsync();
        return child;
    }

    public async Task<TenantSnapshot> Initialize(NewTenant tenant, string parentId, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (state.State.Exists)
        {
            if (state.State.Name != tenant.Name || state.State.Kind != tenant.Kind || state.State.ParentId != parentId)
            {
                throw new DomainConflictException($"A tenant with id '{tenant.Id}' already exists.");
            }
            return Snapshot();
        }
        if (Path.TenantId != tenant.Id || Path.Parent?.TenantId != parentId)
        {
            throw new ArgumentException($"Tenant '{tenant.Id}' under '{parentId}' does not belong at '{Path}'.", nameof(tenant));
        }
        state.State = new TenantState
        {
            Exists = true,
            Id = tenant.Id,
            Name = tenant.Name,
            Kind = tenant.Kind,
            ParentId = parentId,
            Path = Path.Value,
            CreatedAt = createdAt,
            Aliases = tenant.Aliases?.ToList() ?? [],
        };
        await SaveAsync();
        return Snapshot();
    }

    public async Task<RootBootstrap> EnsureRoot(string name, string? bootstrapKey)
    {
        RequireSystem();
        if (state.State.Exists)
        {
            return new RootBootstrap(Created: false, GeneratedKey: null);
        }
        if (Path.Parent is not null)
        {
            throw new InvalidOperationException($"'{Path}' is not a root path.");
        }
        if (!await GrainFactory.GetGrain<ITenantDirectoryGrain>(Path.TenantId).Claim(Path))
        {
            throw new InvalidOperationException($"Tenant id '{Path.TenantId}' is taken by another tenant.");
        }

        var secret = string.IsNullOrEmpty(bootstrapKey) ? ApiKeySecrets.NewSecret() : bootstrapKey;
        var now = clock.GetUtcNow();
        var key = await RegisterKey(TenantRole.Coordinator, "bootstrap", secret, now);
        state.State = new TenantState
        {
            Exists = true,
            Id = Path.TenantId,
            Name = name,
            Kind = TenantKinds.Network,
            Path = Path.Value,
            CreatedAt = now,
            Keys = [key],
        };
        await SaveAsync();
        return new RootBootstrap(Created: true, GeneratedKey: string.IsNullOrEmpty(bootstrapKey) ? secret : null);
    }

    public async Task<TenantSnapshot> SetAliases(IReadOnlyList<string> aliases)
    {
        RequireExisting();
        RequireCoordinator("change aliases");
        state.State.Aliases = TenantRules.ValidateAliases(aliases).ToList();
        await SaveAsync();
        return Snapshot();
    }

    public async Task<IssuedApiKey> IssueKey(TenantRole role, string label, DateTimeOffset? expiresAt = null)
    {
        RequireExisting();
        RequireCoordinator("issue keys");
        label = TenantRules.ValidateLabel(label);
        expiresAt = ApiKeyLifetime.Expiry(expiresAt, clock.GetUtcNow());
        var working = state.State.Keys.Count(k => k.IsValidAt(clock.GetUtcNow()));
        if (working >= quotas.Value.KeysPerTenant)
        {
            throw new Quotas.QuotaExceededException("Limits:Quotas:KeysPerTenant",
                $"'{state.State.Id}' has {working} keys that work, its quota; revoke one it no longer needs first.",
                Quotas.QuotaExceededException.CountRetryAfter);
        }
        var secret = ApiKeySecrets.NewSecret();
        if (role == TenantRole.Integration)
        {
            // An integration key gives the tenant a link; recorded first, so a stored key always has its link.
            using var _ = TenantCallContext.Enter(TenantCaller.System);
            await GrainFactory.GetGrain<Links.ITenantLinkDirectoryGrain>(Links.ITenantLinkDirectoryGrain.Key).Add(state.State.Id, this.GetPrimaryKeyString());
        }
        var key = await RegisterKey(role, label, secret, clock.GetUtcNow());
        key.ExpiresAt = expiresAt;
        state.State.Keys.Add(key);
        await WriteAsync();
        return new IssuedApiKey(key.ToInfo(), secret);
    }

    public async Task<RotatedApiKey> RotateKey(string keyId, TimeSpan overlap, DateTimeOffset? expiresAt = null)
    {
        RequireExisting();
        RequireCoordinator("rotate keys");
        var now = clock.GetUtcNow();
        var old = state.State.Keys.Find(k => k.Id == keyId)
            ?? throw new DomainNotFoundException($"Tenant '{state.State.Id}' has no key '{keyId}'.");
        if (!old.IsValidAt(now))
        {
            throw new DomainConflictException($"Key '{keyId}' is {(old.RevokedAt is null ? "expired" : "revoked")}: issue a new key instead.");
        }
        if (old.ReplacedBy is not null)
        {
            throw new DomainConflictException($"Key '{keyId}' was already rotated (replaced by '{old.ReplacedBy}'); rotate that one.");
        }
        if (overlap < TimeSpan.Zero || overlap > ApiKeyLifetime.LongestOverlap)
        {
            throw new DomainValidationException("overlap", $"An overlap is from no time to {ApiKeyLifetime.LongestOverlap.TotalDays} days.");
        }
        expiresAt = ApiKeyLifetime.ReplacementExpiry(expiresAt, old.CreatedAt, old.ExpiresAt, now);
        var secret = ApiKeySecrets.NewSecret();
        var replacement = await RegisterKey(old.Role, old.Label, secret, now);
        replacement.ExpiresAt = expiresAt;
        replacement.RotatedFrom = old.Id;
        old.ReplacedBy = replacement.Id;
        // Never later than it would have expired anyway.
        var end = now + overlap;
        old.ExpiresAt = old.ExpiresAt is { } was && was < end ? was : end;
        state.State.Keys.Add(replacement);
        await state.WriteOrStartOverAsync(this);
        return new RotatedApiKey(new IssuedApiKey(replacement.ToInfo(), secret), old.ToInfo());
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListKeys()
    {
        RequireExisting();
        RequireCoordinator("list keys");
        IReadOnlyList<ApiKeyInfo> keys = state.State.Keys.Select(k => k.ToInfo()).ToList();
        return Task.FromResult(keys);
    }

    public async Task<ApiKeyInfo> RevokeKey(string keyId)
    {
        RequireExisting();
        RequireCoordinator("revoke keys");
        var key = state.State.Keys.Find(k => k.Id == keyId)
            ?? throw new DomainNotFoundException($"Tenant '{state.State.Id}' has no key '{keyId}'.");
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            await WriteAsync();
        }
        if (key.Role == TenantRole.Integration && !state.State.Keys.Exists(k => k is { Role: TenantRole.Integration, RevokedAt: null }))
        {
            // The last integration key: the tenant has no link any more. Forgotten after the revocation is stored (and
            // again by a revocation sent again), so a crash in between leaves a link whose key is refused anyway.
            using var _ = TenantCallContext.Enter(TenantCaller.System);
            await GrainFactory.GetGrain<Links.ITenantLinkDirectoryGrain>(Links.ITenantLinkDirectoryGrain.Key).Remove(state.State.Id);
        }
        return key.ToInfo();
    }

    public async Task<TenantRole?> VerifyKey(string keyId, string secretHash)
    {
        RequireSystem();
        var now = clock.GetUtcNow();
        var key = state.State.Keys.Find(k => k.Id == keyId);
        if (key is null || !key.IsValidAt(now) || !ApiKeySecrets.HashesEqual(key.SecretHash, secretHash))
        {
            return null;
        }
        if (key.LastUsedAt is not { } last || now - last >= ApiKeyLifetime.LastUseGranularity)
        {
            // Written now and then, not on every request: a key list says "last used" to within a few minutes.
            key.LastUsedAt = now;
            await state.WriteOrStartOverAsync(this);
        }
        return key.Role;
    }

    public async Task<ApiKeyInfo?> VerifyKeyInfo(string keyId, string secretHash) =>
        await VerifyKey(keyId, secretHash) is null ? null : state.State.Keys.Find(k => k.Id == keyId)!.ToInfo();

    /// <summary>
    /// Points the key index at this tenant before the key is stored here: a crash in between leaves a location to a
    /// key that does not exist, which authenticates nobody, rather than a listed key that cannot be used.
    /// </summary>
    private async Task<ApiKeyRecord> RegisterKey(TenantRole role, string label, string secret, DateTimeOffset now)
    {
        var hash = ApiKeySecrets.Hash(secret);
        var record = new ApiKeyRecord { Id = ApiKeySecrets.NewKeyId(), Role = role, Label = label, SecretHash = hash, CreatedAt = now };
        await GrainFactory.GetGrain<IApiKeyIndexGrain>(hash).Register(new ApiKeyLocation(Path, record.Id));
        return record;
    }

    private TenantSnapshot Snapshot() =>
        new(state.State.Id, state.State.Name, state.State.Kind, state.State.ParentId, Path, state.State.CreatedAt, state.State.Aliases.ToList());

    /// <summary>
    /// Persists, then updates the tenant list used to resolve names. A crash in between is caught up from the stored
    /// state at the next start (see <see cref="TenantReadModelSource"/>).
    /// </summary>
    private async Task SaveAsync()
    {
        await WriteAsync();
        await readModel.UpsertAsync(state.State.ToListRow());
    }

    /// <summary>Every write counts in <see cref="TenantState.Version"/>, which the list row carries.</summary>
    private async Task WriteAsync()
    {
        state.State.Version++;
        await state.WriteOrStartOverAsync(this);
    }

    private void RequireExisting()
    {
        if (!state.State.Exists)
        {
            throw new DomainNotFoundException($"There is no tenant at '{Path}'.");
        }
    }

    private static void RequireCoordinator(string action)
    {
        var caller = TenantCallContext.Current;
        if (caller is not null && !caller.IsSystem && caller.Role != TenantRole.Coordinator)
        {
            throw new RoleForbiddenException($"A {caller.Role.ToWire()} key may not {action}; a coordinator key is needed.");
        }
    }

    private static void RequireSystem()
    {
        if (TenantCallContext.Current is not { IsSystem: true })
        {
            throw new TenantAccessDeniedException("(engine only)");
        }
    }
}
