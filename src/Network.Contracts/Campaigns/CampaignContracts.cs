using Network.Contracts.Sessions;

namespace Network.Contracts.Campaigns;

/// <summary>A coordinated public effort, e.g. the solidarity campaign or the UN Together campaign.</summary>
/// <param name="Partners">Ids of the partner tenants; they may read the campaign.</param>
/// <param name="Commitments">Ids of the commitments (of the campaign's home tenant) that serve it.</param>
public sealed record CampaignDocument(
    string Title,
    DateOnly? LaunchOn,
    IReadOnlyList<string> Partners,
    IReadOnlyList<MilestoneDocument> Milestones,
    IReadOnlyList<string> Commitments,
    string? Id = null);
