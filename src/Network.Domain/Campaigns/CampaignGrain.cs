using Network.Domain.Errors;
using Network.Domain.Tenancy;

namespace Network.Domain.Campaigns;

[GrainType("campaign")]
public sealed class CampaignGrain(
    [PersistentState("campaign", StorageNames.Network)] IPersistentState<CampaignGrain.State> state)
    : Grain, ICampaignGrain, ITenantSharedGrain
{
    public sealed class State
    {
        public CampaignDefinition? Campaign { get; set; }
    }

    private TenantPath Home => TenantScopedKey.TenantOf(this.GetPrimaryKeyString());

    public bool IsSharedWith(TenantCaller caller) =>
        state.State.Campaign?.Partners.Any(p => caller.CanReach(TenantPath.Parse(p))) == true;

    public async Task<CampaignDefinition> Define(CampaignDefinition campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var caller = TenantCallContext.Current!;
        if (!caller.IsSystem && !(caller.Role == TenantRole.Coordinator && caller.CanReach(Home)))
        {
            throw new RoleForbiddenException($"Only a coordinator over '{Home}' may define its campaigns.");
        }
        if (string.IsNullOrWhiteSpace(campaign.Title))
        {
            throw new DomainValidationException("title", "'title' is required and may not be blank.");
        }
        foreach (var (partner, index) in campaign.Partners.Select((p, i) => (p, i)))
        {
            if (!TenantIds.IsValid(partner.Split(TenantPath.Separator)[^1]))
            {
                throw new DomainValidationException($"partners[{index}]", $"'{partner}' is not a tenant.");
            }
        }
        state.State.Campaign = campaign with { Title = campaign.Title.Trim(), Id = TenantScopedKey.LocalIdOf(this.GetPrimaryKeyString()) };
        await state.WriteStateAsync();
        return state.State.Campaign;
    }

    public Task<CampaignDefinition?> Describe() => Task.FromResult(state.State.Campaign);
}
