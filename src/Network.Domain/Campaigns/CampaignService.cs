using Network.Contracts.Campaigns;
using Network.Contracts.Sessions;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Campaigns;

/// <summary>Campaigns of a tenant: define one (partners, milestones, the commitments serving it), read it, list them.</summary>
public sealed class CampaignService(CallerAccess access, ICommitmentReadModel commitments, ICampaignReadModel campaigns, IGrainFactory grains)
{
    /// <summary>
    /// The campaigns the tenant sees, from the read model: those homed at it or one of its partners being it — and,
    /// for a coordinator's key, anywhere in its subtree. The same reach as <see cref="GetAsync"/>, so every item opens.
    /// </summary>
    public async Task<CampaignPage> ListAsync(string tenantId, int offset = 0, int limit = ListPaging.DefaultLimit, CancellationToken cancellationToken = default)
    {
        var caller = CallerAccess.Caller;
        var scope = await access.TenantAsync(tenantId);
        ListPaging.Check(offset, limit);
        // A member key reaches its own tenant only (TenantCaller.CanReach): a campaign of a tenant below it would
        // not open for it, so it is not listed either.
        var descendants = caller.IsSystem || caller.Role == TenantRole.Coordinator;
        var page = await campaigns.QueryAsync(new CampaignListQuery(scope.Value, descendants, offset, limit), cancellationToken);
        return new CampaignPage(page.Items.Select(ToListItem).ToList(), page.Total, offset, limit);
    }

    /// <summary>Creates or replaces a campaign. Coordinators over the tenant only.</summary>
    public async Task<CampaignDocument> PutAsync(string tenantId, string campaignId, CampaignDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var caller = CallerAccess.Caller;
        var home = await access.TenantAsync(tenantId);
        LocalIds.EnsureValid(campaignId, "id");
        var partners = new List<string>();
        for (var i = 0; i < document.Partners.Count; i++)
        {
            var partner = await access.Directory.FindPathAsync(document.Partners[i], caller)
                ?? throw new DomainValidationException($"partners[{i}]", $"No tenant '{document.Partners[i]}' is visible to this key.");
            partners.Add(partner.Value);
        }
        for (var i = 0; i < document.Commitments.Count; i++)
        {
            var found = await commitments.FindAsync(home.Value, document.Commitments[i], cancellationToken);
            if (!found.Any(c => c.HomeTenant == home.Value))
            {
                throw new DomainValidationException($"commitments[{i}]", $"'{tenantId}' has no commitment '{document.Commitments[i]}'.");
            }
        }
        if (!caller.IsSystem && !(caller.Role == TenantRole.Coordinator && caller.CanReach(home)))
        {
            throw new RoleForbiddenException($"Only a coordinator over '{home}' may define its campaigns.");
        }
        var campaign = await grains.GetGrain<ICampaignGrain>(TenantScopedKey.For(home, campaignId)).Define(new CampaignDefinition(
            campaignId, document.Title, document.LaunchOn, partners,
            document.Milestones.Select(m => new CommitmentMilestone(m.Title, m.DueOn)).ToList(),
            document.Commitments.Distinct().ToList()));
        return ToDocument(campaign);
    }

    /// <summary>A campaign; its partners may read it too.</summary>
    public async Task<CampaignDocument> GetAsync(string tenantId, string campaignId)
    {
        _ = CallerAccess.Caller; // fail closed before anything else, even input checks
        TenantIds.EnsureValid(tenantId, "tenant");
        // Partners read a campaign through its home tenant, which they cannot reach themselves: the grain decides
        // (it is shared with its partners), and refuses everyone else with the same not-found as a missing campaign.
        var home = await access.Directory.FindPathAsync(tenantId, TenantCaller.System)
            ?? throw new DomainNotFoundException($"No tenant '{tenantId}' is visible to this key.");
        LocalIds.EnsureValid(campaignId, "id");
        var campaign = await grains.GetGrain<ICampaignGrain>(TenantScopedKey.For(home, campaignId)).Describe()
            ?? throw new DomainNotFoundException($"No campaign '{campaignId}'.");
        return ToDocument(campaign);
    }

    private static CampaignListItem ToListItem(CampaignListRow row) => new(
        row.Id, TenantPath.Parse(row.HomeTenant).TenantId, row.Title, row.LaunchOn,
        row.Partners.Count, row.MilestoneCount, row.CommitmentCount);

    private static CampaignDocument ToDocument(CampaignDefinition campaign) => new(
        campaign.Title, campaign.LaunchOn,
        campaign.Partners.Select(p => TenantPath.Parse(p).TenantId).ToList(),
        campaign.Milestones.Select(m => new MilestoneDocument(m.Title, m.DueOn)).ToList(),
        campaign.Commitments, campaign.Id);
}
