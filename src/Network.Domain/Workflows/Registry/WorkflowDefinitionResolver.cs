using System.Collections.Concurrent;
using Network.Domain.Tenancy;
using Network.Workflows.Definitions;
using Network.Workflows.Validation;

namespace Network.Domain.Workflows;

/// <summary>
/// A definition as one tenant runs it: which version, whose (<see cref="Owner"/>: the tenant that published it, or
/// null for the network's library), and the setting values of the tenant's tree (nearest tenant wins).
/// </summary>
public sealed record ResolvedWorkflow(WorkflowDefinition Definition, TenantPath? Owner, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The definition's defaults with the tenant tree's values over them: what expressions see as <c>settings</c>.</summary>
    public IReadOnlyDictionary<string, string> EffectiveSettings()
    {
        var settings = new Dictionary<string, string>(Definition.Settings, StringComparer.Ordinal);
        foreach (var (name, value) in Settings)
        {
            settings[name] = value;
        }
        return settings;
    }
}

/// <summary>One version a tenant can see, and who published it (Owner null: the library).</summary>
public sealed record VisibleWorkflowVersion(string Id, int Version, string Title, TenantPath? Owner, DateTimeOffset? PublishedAt, string? PublishedBy);

/// <summary>
/// Resolves definitions up a tenant's tree: the tenant's own newest published version, else its parent's, and so on
/// to the root, else the library (<see cref="IWorkflowDefinitions"/>). So a Europe sub-group that publishes its own
/// <c>commitment-lifecycle</c> runs that one for its commitments while the rest of the network runs the parent's.
/// Published versions never change, so a parsed version is cached for good.
/// </summary>
public sealed class WorkflowDefinitionResolver(IGrainFactory grains, IWorkflowDefinitions library)
{
    private readonly ConcurrentDictionary<(string Owner, string Id, int Version), WorkflowDefinition> _parsed = new();

    // Per tenant, the definitions it ran last and what they were resolved from. While the chain's catalogs have the
    // same stamps (TenantWorkflowCatalog.Stamp) and the library's definitions are the same objects, the result is the
    // same, and every event's dispatch needs it.
    private readonly ConcurrentDictionary<TenantPath, EffectiveDefinitions> _effective = new();

    public async Task<ResolvedWorkflow?> ResolveAsync(TenantPath tenant, string id)
    {
        var chain = await ChainAsync(tenant).ConfigureAwait(false);
        return await ResolveInChainAsync(chain, id).ConfigureAwait(false);
    }

    /// <summary>Every definition the tenant runs, one per id, by id.</summary>
    public async Task<IReadOnlyList<ResolvedWorkflow>> EffectiveAsync(TenantPath tenant) =>
        (await EffectiveWithStampAsync(tenant).ConfigureAwait(false)).Effective;

    /// <summary>
    /// As <see cref="EffectiveAsync"/>, and the stamp of the tenant's own catalog as read for it (what the tenant's
    /// dispatches check their <see cref="WaitLookupCache"/> against).
    /// </summary>
    public async Task<(EffectiveWorkflows Effective, Guid Stamp)> EffectiveWithStampAsync(TenantPath tenant)
    {
        var chain = await ChainAsync(tenant).ConfigureAwait(false);
        var stamp = chain[0].Catalog.Stamp;
        var shipped = library.All;
        if (_effective.TryGetValue(tenant, out var known) && known.ResolvedFrom(chain, shipped))
        {
            return (known.Resolved, stamp);
        }
        var ids = shipped.Select(d => d.Id)
            .Concat(chain.SelectMany(c => c.Catalog.Versions.Select(v => v.Id)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var resolved = new List<ResolvedWorkflow>();
        foreach (var id in ids)
        {
            if (await ResolveInChainAsync(chain, id).ConfigureAwait(false) is { } found)
            {
                resolved.Add(found);
            }
        }
        var effective = new EffectiveWorkflows(resolved);
        _effective[tenant] = new EffectiveDefinitions([.. chain.Select(c => c.Catalog.Stamp)], [.. shipped], effective);
        return (effective, stamp);
    }

    /// <summary>A tenant's effective definitions, and the stamps of the catalogs (nearest first) and the library definitions they were resolved from.</summary>
    private sealed record EffectiveDefinitions(Guid[] Stamps, WorkflowDefinition[] Shipped, EffectiveWorkflows Resolved)
    {
        public bool ResolvedFrom(IReadOnlyList<(TenantPath Tenant, TenantWorkflowCatalog Catalog)> chain, IReadOnlyList<WorkflowDefinition> shipped)
        {
            if (chain.Count != Stamps.Length || shipped.Count != Shipped.Length)
            {
                return false;
            }
            for (var i = 0; i < Stamps.Length; i++)
            {
                if (chain[i].Catalog.Stamp != Stamps[i])
                {
                    return false;
                }
            }
            for (var i = 0; i < Shipped.Length; i++)
            {
                if (!ReferenceEquals(shipped[i], Shipped[i]))
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>Every version of <paramref name="id"/> the tenant can see: its own and its ancestors' (nearest first), then the library's.</summary>
    public async Task<IReadOnlyList<VisibleWorkflowVersion>> VersionsAsync(TenantPath tenant, string id)
    {
        var chain = await ChainAsync(tenant).ConfigureAwait(false);
        var versions = chain
            .SelectMany(c => c.Catalog.Versions.Where(v => v.Id == id).OrderByDescending(v => v.Version)
                .Select(v => new VisibleWorkflowVersion(v.Id, v.Version, v.Title, c.Tenant, v.PublishedAt, v.PublishedBy)))
            .ToList();
        if (library.Find(id) is { } newest)
        {
            for (var version = newest.Version; version >= 1; version--)
            {
                if (library.Find(id, version) is { } shipped)
                {
                    versions.Add(new VisibleWorkflowVersion(id, version, shipped.Title, null, null, null));
                }
            }
        }
        return versions;
    }

    /// <summary>The exact version a running instance was started on (Owner null: the library's).</summary>
    public async Task<WorkflowDefinition?> FindVersionAsync(TenantPath? owner, string id, int version)
    {
        if (owner is not { } publisher)
        {
            return library.Find(id, version);
        }
        if (_parsed.TryGetValue((publisher.Value, id, version), out var cached))
        {
            return cached;
        }
        string? source;
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            source = await grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(publisher)).Source(id, version).ConfigureAwait(false);
        }
        if (source is null)
        {
            return null;
        }
        var loaded = WorkflowValidator.Check(source, PublishedDefinitionCheck.FileName);
        var definition = loaded.Definition is { } parsed && loaded.Succeeded
            ? parsed
            : throw new InvalidOperationException($"Published version {version} of '{id}' at {publisher} no longer loads: {string.Join("; ", loaded.Errors)}");
        return _parsed.GetOrAdd((publisher.Value, id, version), definition);
    }

    /// <summary>The YAML text of one version (Owner null: the library's), or null.</summary>
    public async Task<string?> SourceAsync(TenantPath? owner, string id, int version)
    {
        if (owner is not { } publisher)
        {
            return library.SourceOf(id, version);
        }
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        return await grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(publisher)).Source(id, version).ConfigureAwait(false);
    }

    /// <summary>The tenant's catalog and its ancestors', nearest first.</summary>
    private async Task<IReadOnlyList<(TenantPath Tenant, TenantWorkflowCatalog Catalog)>> ChainAsync(TenantPath tenant)
    {
        var chain = new List<(TenantPath, TenantWorkflowCatalog)>();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        for (TenantPath? at = tenant; at is { } current; at = current.Parent)
        {
            chain.Add((current, await grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(current)).Catalog().ConfigureAwait(false)));
        }
        return chain;
    }

    private async Task<ResolvedWorkflow?> ResolveInChainAsync(IReadOnlyList<(TenantPath Tenant, TenantWorkflowCatalog Catalog)> chain, string id)
    {
        WorkflowDefinition? definition = null;
        TenantPath? owner = null;
        foreach (var (tenant, catalog) in chain)
        {
            if (catalog.Newest(id) is { } newest)
            {
                definition = await FindVersionAsync(tenant, id, newest.Version).ConfigureAwait(false);
                owner = tenant;
                break;
            }
        }
        definition ??= library.Find(id);
        if (definition is null)
        {
            return null;
        }
        // Settings from the root down, so the nearest tenant's value wins; names the definition no longer declares are dropped.
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, catalog) in chain.Reverse())
        {
            if (catalog.Settings.TryGetValue(id, out var values))
            {
                foreach (var (name, value) in values.Where(v => definition.Settings.ContainsKey(v.Key)))
                {
                    settings[name] = value;
                }
            }
        }
        return new ResolvedWorkflow(definition, owner, settings);
    }
}
