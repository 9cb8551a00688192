using Network.Domain.Errors;
using Network.Domain.Storage;
using Network.Domain.Tenancy;
using Network.Workflows.Validation;

namespace Network.Domain.Workflows;

[GrainType("workflow-registry")]
public sealed class WorkflowRegistryGrain(
    [PersistentState("workflow-registry", StorageNames.Network)] IPersistentState<WorkflowRegistryGrain.State> state,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Quotas.TenantQuotaOptions> quotas)
    : Grain, IWorkflowRegistryGrain
{
    public sealed class State
    {
        public List<StoredVersion> Versions { get; set; } = [];

        /// <summary>Definition id → setting name → value.</summary>
        public Dictionary<string, Dictionary<string, string>> Settings { get; set; } = new(StringComparer.Ordinal);
    }

    public sealed class StoredVersion
    {
        public string Id { get; set; } = "";
        public int Version { get; set; }
        public string Title { get; set; } = "";
        public string Source { get; set; } = "";
        public DateTimeOffset PublishedAt { get; set; }
        public string PublishedBy { get; set; } = "";
    }

    // The catalog as last built, until the state changes: the dispatch of every event asks for it, and one immutable
    // object is given out again. Its stamp is new with each activation and each change (Changed), never stored: what
    // the silos worked out from a catalog stays valid while its stamp is the same (TenantWorkflowCatalog.Stamp).
    private TenantWorkflowCatalog? _catalog;
    private Guid _stamp = Guid.NewGuid();

    public static string KeyFor(TenantPath tenant) => TenantScopedKey.For(tenant, "workflows");

    public async Task<PublishOutcome> Publish(string source, IReadOnlyList<string> knownWorkflows)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(knownWorkflows);
        var definition = PublishedDefinitionCheck.Check(source, knownWorkflows);
        var same = state.State.Versions.Find(v => v.Id == definition.Id && v.Version == definition.Version);
        if (same is not null)
        {
            return string.Equals(same.Source, source, StringComparison.Ordinal)
                ? new PublishOutcome(ToInfo(same), Created: false)
                : throw new DomainConflictException(
                    $"Version {definition.Version} of '{definition.Id}' is published and cannot change; publish it as version {NewestVersion(definition.Id) + 1}.");
        }
        var newest = NewestVersion(definition.Id);
        if (definition.Version <= newest)
        {
            throw new DomainConflictException(
                $"'{definition.Id}' is published here up to version {newest}; a new version must be greater (publish it as version {newest + 1}).");
        }
        if (state.State.Versions.Count >= quotas.Value.PublishedVersionsPerTenant)
        {
            throw new Quotas.QuotaExceededException("Limits:Quotas:PublishedVersionsPerTenant",
                $"This tenant has published {state.State.Versions.Count} workflow versions, its quota (every version is kept).",
                Quotas.QuotaExceededException.CountRetryAfter);
        }
        var stored = new StoredVersion
        {
            Id = definition.Id,
            Version = definition.Version,
            Title = definition.Title,
            Source = source,
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = TenantCallContext.Current?.ToString() ?? "system",
        };
        state.State.Versions.Add(stored);
        Changed();
        await state.WriteOrStartOverAsync(this);
        return new PublishOutcome(ToInfo(stored), Created: true);
    }

    public async Task SetSettings(string workflowId, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Count == 0)
        {
            if (state.State.Settings.Remove(workflowId))
            {
                Changed();
                await state.WriteOrStartOverAsync(this);
            }
            return;
        }
        state.State.Settings[workflowId] = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        Changed();
        await state.WriteOrStartOverAsync(this);
    }

    public Task<TenantWorkflowCatalog> Catalog() => Task.FromResult(_catalog ??= new TenantWorkflowCatalog(
        state.State.Versions.Select(ToInfo).ToList(),
        state.State.Settings.ToDictionary(
            s => s.Key, s => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(s.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        _stamp));

    public Task WaitFieldsLearning()
    {
        Changed();
        return Task.CompletedTask;
    }

    /// <summary>The catalog is built again, under a new stamp, the next time it is asked for.</summary>
    private void Changed()
    {
        _catalog = null;
        _stamp = Guid.NewGuid();
    }

    public Task<string?> Source(string workflowId, int version) =>
        Task.FromResult(state.State.Versions.Find(v => v.Id == workflowId && v.Version == version)?.Source);

    private int NewestVersion(string id) => state.State.Versions.Where(v => v.Id == id).Select(v => v.Version).DefaultIfEmpty(0).Max();

    private static PublishedWorkflowVersion ToInfo(StoredVersion v) => new(v.Id, v.Version, v.Title, v.PublishedAt, v.PublishedBy);
}
