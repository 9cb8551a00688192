using Network.Domain.Tenancy;

namespace Network.Domain.Organisations;

/// <summary>
/// A tenant's organisation profile, keyed by the tenant's path and <see cref="OrganisationGrain.LocalId"/>. Members
/// read it; coordinators change it.
/// </summary>
public interface IOrganisationGrain : ITenantScopedGrain
{
    Task<OrganisationProfile> Describe();

    Task<OrganisationProfile> Update(OrganisationProfile profile);

    /// <summary>
    /// Stops one category of e-mail to every contact with this address (an unsubscribe link, checked by its
    /// signature before it gets here: the engine's call only). Answers how many contacts it changed.
    /// </summary>
    Task<int> StopEmail(string address, string category);
}
