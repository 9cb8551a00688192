using Network.Contracts.Campaigns;
using Network.Domain.Audit;
using Network.Contracts.Sessions;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Campaigns;

/// <summary>Campaigns of a tenant: define one (partners, milestones, the commitments serving it), read it, list them.</summary>
public sealed class CampaignService(CallerAccess access, ICommitmentReadModel commitments, ICampaignReadModel campaigns, IGrainFactory grains, Auditor auditor)
{
    /// <summary>The longest title a campaign or one of its milestones may have.</summary>
    public const int MaxTitleLength = 200;

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
    public Task<CampaignResource> PutAsync(string tenantId, string campaignId, CampaignResource document, CancellationToken cancellationToken = default) =>
        auditor.ChangeAsync(AuditActions.CampaignPut, tenantId, $"campaign/{campaignId}", () => PutCoreAsync(tenantId, campaignId, document, cancellationToken));

    private async Task<CampaignResource> PutCoreAsync(string tenantId, string campaignId, CampaignResource document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var caller = CallerAccess.Caller;
        var home = await access.TenantAsync(tenantId);
        LocalIds.EnsureValid(campaignId, "id");
        var title = TextRules.Required(document.Title, "title", MaxTitleLength);
        // A JSON body may leave a list out (null): that is an empty list, not a crash.
        var milestones = Milestones(document.Milestones ?? []);
        var partnerIds = document.Partners ?? [];
        var partners = new List<string>();
        for (var i = 0; i < partnerIds.Count; i++)
        {
            var partner = await access.Directory.FindPathAsync(partnerIds[i], caller)
                ?? throw new DomainValidationException($"partners[{i}]", $"No tenant '{partnerIds[i]}' is visible to this key.");
            partners.Add(partner.Value);
        }
        var commitmentIds = document.Commitments ?? [];
        for (var i = 0; i < commitmentIds.Count; i++)
        {
            var found = await commitments.FindAsync(home.Value, commitmentIds[i], cancellationToken);
            if (!found.Any(c => c.HomeTenant == home.Value))
            {
                throw new DomainValidationException($"commitments[{i}]", $"'{tenantId}' has no commitment '{commitmentIds[i]}'.");
            }
        }
        if (!caller.IsSystem && !(caller.Role == TenantRole.Coordinator && caller.CanReach(home)))
        {
            throw new RoleForbiddenException($"Only a coordinator over '{home}' may define its campaigns.");
        }
        var campaign = await grains.GetGrain<ICampaignGrain>(TenantScopedKey.For(home, campaignId)).Define(new CampaignDefinition(
            campaignId, title, document.LaunchOn, partners, milestones, commitmentIds.Distinct().ToList()));
        return ToDocument(campaign);
    }

    /// <summary>
    /// Whether the caller may define campaigns of the tenant (a coordinator over it), so the web app offers "New"
    /// and "Edit" only to those <see cref="PutAsync"/> would accept. False, never "not found", for a tenant out of reach.
    /// </summary>
    public async Task<bool> MayDefineAsync(string tenantId)
    {
        var caller = CallerAccess.Caller;
        TenantIds.EnsureValid(tenantId, "tenant");
        var home = await access.Directory.FindPathAsync(tenantId, caller);
        return home is { } path && (caller.IsSystem || (caller.Role == TenantRole.Coordinator && caller.CanReach(path)));
    }

    /// <summary>Each milestone needs a title and a date; refusals name the milestone and its field.</summary>
    private static List<CommitmentMilestone> Milestones(IReadOnlyList<MilestoneResource> milestones)
    {
        var checkedMilestones = new List<CommitmentMilestone>(milestones.Count);
        for (var i = 0; i < milestones.Count; i++)
        {
            var milestone = milestones[i] ?? throw new DomainValidationException($"milestones[{i}]", "A milestone needs a title and a date.");
            var title = TextRules.Required(milestone.Title, $"milestones[{i}].title", MaxTitleLength);
            if (milestone.DueOn == default)
            {
                throw new DomainValidationException($"milestones[{i}].dueOn", $"'milestones[{i}].dueOn' is required: the milestone's date (yyyy-MM-dd).");
            }
            checkedMilestones.Add(new CommitmentMilestone(title, milestone.DueOn));
        }
        return checkedMilestones;
    }

    /// <summary>A campaign; its partners may read it too.</summary>
    public async Task<CampaignResource> GetAsync(string tenantId, string campaignId)
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

    private static CampaignSummaryResource ToListItem(CampaignListRow row) => new(
        row.Id, TenantPath.Parse(row.HomeTenant).TenantId, row.Title, row.LaunchOn,
        row.Partners.Count, row.MilestoneCount, row.CommitmentCount);

    private static CampaignResource ToDocument(CampaignDefinition campaign) => new(
        campaign.Title, campaign.LaunchOn,
        campaign.Partners.Select(p => TenantPath.Parse(p).TenantId).ToList(),
        campaign.Milestones.Select(m => new MilestoneResource(m.Title, m.DueOn)).ToList(),
        campaign.Commitments, campaign.Id);
}
