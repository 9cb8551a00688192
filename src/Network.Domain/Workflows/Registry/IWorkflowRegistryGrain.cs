using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// The workflow definitions one tenant publishes, and its values for their settings. Keyed by
/// <see cref="WorkflowRegistryGrain.KeyFor"/>. What a tenant runs is resolved up its tree by
/// <see cref="WorkflowDefinitionResolver"/>: its own newest version, else its parent's, …, else the network's library.
/// </summary>
public interface IWorkflowRegistryGrain : ITenantScopedGrain
{
    /// <summary>
    /// Publishes a definition's YAML. Publishing the same id and version again with the same text changes nothing;
    /// with other text, or a version not newer than the newest published, it is refused: a published version never changes.
    /// </summary>
    /// <param name="knownWorkflows">Ids a <c>call</c> may name (what the tenant can run), checked before anything is stored.</param>
    Task<PublishOutcome> Publish(string source, IReadOnlyList<string> knownWorkflows);

    /// <summary>Sets this tenant's values for a definition's settings (e.g. <c>stallAfter: P30D</c>); an empty map clears them.</summary>
    Task SetSettings(string workflowId, IReadOnlyDictionary<string, string> settings);

    Task<TenantWorkflowCatalog> Catalog();

    /// <summary>
    /// Told by one of the tenant's wait-index entries before it learns a new correlation field: the catalog's
    /// <see cref="TenantWorkflowCatalog.Stamp"/> changes, so a dispatch that reads the catalog from then on asks the
    /// entry for its fields again instead of using what it knew (<see cref="WaitLookupCache"/>).
    /// </summary>
    Task WaitFieldsLearning();

    /// <summary>The YAML text of a published version, or null.</summary>
    Task<string?> Source(string workflowId, int version);
}
