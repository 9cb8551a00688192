using Network.Domain.Commitments;

namespace Network.Domain.Campaigns;

/// <summary>A coordinated public effort: its launch, the partner tenants, its milestones and the commitments serving it.</summary>
/// <param name="Partners">Paths of the partner tenants; they may read the campaign too.</param>
/// <param name="Commitments">Ids of the commitments (in the campaign's home tenant) that serve it.</param>
[GenerateSerializer, Immutable]
public sealed record CampaignDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DateOnly? LaunchOn,
    [property: Id(3)] IReadOnlyList<string> Partners,
    [property: Id(4)] IReadOnlyList<CommitmentMilestone> Milestones,
    [property: Id(5)] IReadOnlyList<string> Commitments);
