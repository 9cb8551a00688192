namespace Network.Domain.Workflows;

/// <summary>One published version of a definition: immutable once published.</summary>
/// <param name="Source">The YAML text as published; the definition is parsed from it wherever it runs.</param>
/// <param name="PublishedBy">Who published it (the caller's name, e.g. a key's label).</param>
[GenerateSerializer, Immutable]
public sealed record PublishedWorkflowVersion(
    [property: Id(0)] string Id,
    [property: Id(1)] int Version,
    [property: Id(2)] string Title,
    [property: Id(3)] DateTimeOffset PublishedAt,
    [property: Id(4)] string PublishedBy);

/// <summary>
/// What one tenant has published: the versions of each definition (without their text, which <see
/// cref="IWorkflowRegistryGrain.Source"/> gives), and its values for definitions' settings.
/// </summary>
/// <param name="Stamp">
/// Changes whenever what a dispatch of the tenant's events depends on may have changed: the catalog itself, or the
/// correlation fields its wait index knows (<see cref="IWorkflowRegistryGrain.WaitFieldsLearning"/>); new with each
/// activation of the registry grain. Two catalogs with one stamp are the same, and nothing learnt in between: what was
/// worked out from one holds for the other (<see cref="WorkflowDefinitionResolver"/>, <see cref="WaitLookupCache"/>).
/// </param>
[GenerateSerializer, Immutable]
public sealed record TenantWorkflowCatalog(
    [property: Id(0)] IReadOnlyList<PublishedWorkflowVersion> Versions,
    [property: Id(1)] IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Settings,
    [property: Id(2)] Guid Stamp)
{
    public static TenantWorkflowCatalog Empty { get; } = new([], new Dictionary<string, IReadOnlyDictionary<string, string>>(), Guid.Empty);

    /// <summary>The newest version this tenant published of <paramref name="id"/>, if any.</summary>
    public PublishedWorkflowVersion? Newest(string id) =>
        Versions.Where(v => v.Id == id).MaxBy(v => v.Version);
}

/// <summary>What publishing did: the version now published, and whether this call published it (false: it already was, with the same text).</summary>
[GenerateSerializer, Immutable]
public sealed record PublishOutcome(
    [property: Id(0)] PublishedWorkflowVersion Version,
    [property: Id(1)] bool Created);
