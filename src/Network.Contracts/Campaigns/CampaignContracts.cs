using Network.Contracts.Sessions;

namespace Network.Contracts.Campaigns;

/// <summary>A coordinated public effort, e.g. the solidarity campaign or the UN Together campaign.</summary>
/// <param name="Partners">Ids of the partner tenants; they may read the campaign.</param>
/// <param name="Commitments">Ids of the commitments (of the campaign's home tenant) that serve it.</param>
public sealed record CampaignResource(
    string Title,
    DateOnly? LaunchOn,
    IReadOnlyList<string> Partners,
    IReadOnlyList<MilestoneResource> Milestones,
    IReadOnlyList<string> Commitments,
    string? Id = null);

/// <summary>A campaign as a tenant's list shows it: where it lives and how much it holds.</summary>
/// <param name="HomeTenant">Id of the tenant the campaign belongs to (open it at <c>/api/tenants/{homeTenant}/campaigns/{id}</c>).</param>
public sealed record CampaignSummaryResource(
    string Id,
    string HomeTenant,
    string Title,
    DateOnly? LaunchOn,
    int PartnerCount,
    int MilestoneCount,
    int CommitmentCount);

/// <summary>A page of a tenant's campaigns, with the total across all pages.</summary>
public sealed record CampaignPage(IReadOnlyList<CampaignSummaryResource> Items, int Total, int Offset, int Limit);
