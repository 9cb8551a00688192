using Network.Domain.Tenancy;

namespace Network.Domain.Campaigns;

/// <summary>A campaign, keyed by its home tenant's path and its id. Its partners may read it.</summary>
public interface ICampaignGrain : ITenantScopedGrain
{
    /// <summary>Creates or replaces the campaign's definition. Coordinators over the home tenant only.</summary>
    Task<CampaignDefinition> Define(CampaignDefinition campaign);

    Task<CampaignDefinition?> Describe();
}
