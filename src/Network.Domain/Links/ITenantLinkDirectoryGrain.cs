namespace Network.Domain.Links;

/// <summary>
/// The tenants that have a link (an integration key): the host opens their exchanges at start and the events that
/// concern them go out on the bus. One grain for the whole network (<see cref="Key"/>); called by the engine only.
/// </summary>
public interface ITenantLinkDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "links";

    /// <summary>Records the tenant's link (by tenant id and path). Recording it again changes nothing.</summary>
    Task Add(string tenantId, string tenantPath);

    /// <summary>Forgets the tenant's link (its last integration key was revoked). Forgetting it again changes nothing.</summary>
    Task Remove(string tenantId);

    /// <summary>Every link, as tenant id and path.</summary>
    Task<IReadOnlyList<TenantLink>> List();

    /// <summary>Those of <paramref name="tenantPaths"/> that have a link, as tenant ids.</summary>
    Task<IReadOnlyList<string>> Linked(IReadOnlyList<string> tenantPaths);
}

[GenerateSerializer, Immutable]
public sealed record TenantLink([property: Id(0)] string TenantId, [property: Id(1)] string TenantPath);
