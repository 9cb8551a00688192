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
}
