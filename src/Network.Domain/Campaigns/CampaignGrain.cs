using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.Campaigns;

[GrainType("campaign")]
public sealed class CampaignGrain(
    [PersistentState(CampaignState.StateName, StorageNames.Network)] IPersistentState<CampaignState> state,
    ICampaignReadModel readModel)
    : Grain, ICampaignGrain, ITenantSharedGrain
{
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
        state.State.HomeTenant = Home.Value;
        state.State.Campaign = campaign with { Title = campaign.Title.Trim(), Id = TenantScopedKey.LocalIdOf(this.GetPrimaryKeyString()) };
        await SaveAsync();
        return state.State.Campaign;
    }

    public Task<CampaignDefinition?> Describe() => Task.FromResult(state.State.Campaign);

    /// <summary>
    /// Persists, then replaces the list row (with its partners, so a partner dropped here leaves that partner's list).
    /// A crash in between leaves the row one version behind; the read model is caught up from the stored state at
    /// the next start (see <see cref="CampaignReadModelSource"/>), and the version guard keeps late writes from
    /// moving a row backwards.
    /// </summary>
    private async Task SaveAsync()
    {
        state.State.Version++;
        await state.WriteOrStartOverAsync(this);
        await readModel.UpsertAsync(state.State.ToListRow(this.GetPrimaryKeyString()));
    }
}
