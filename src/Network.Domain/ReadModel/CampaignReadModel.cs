namespace Network.Domain.ReadModel;

/// <summary>
/// One campaign as lists show it. Kept in a table beside the grain state (like the commitments' rows), so a tenant's
/// campaigns are one query over its whole subtree, never a call to every campaign grain. <see cref="StateVersion"/> is
/// the grain state's own write counter: a row only ever moves forward.
/// </summary>
/// <param name="Key">The campaign grain's key (home tenant path | local id).</param>
/// <param name="Id">The campaign's id, unique within its home tenant.</param>
/// <param name="HomeTenant">Path of the tenant the campaign belongs to.</param>
/// <param name="Partners">Paths of the partner tenants, in the order the campaign names them.</param>
/// <param name="MilestoneCount">How many milestones the campaign has.</param>
/// <param name="CommitmentCount">How many commitments serve it.</param>
public sealed record CampaignListRow(
    string Key,
    string Id,
    string HomeTenant,
    string Title,
    DateOnly? LaunchOn,
    IReadOnlyList<string> Partners,
    int MilestoneCount,
    int CommitmentCount,
    long StateVersion);

/// <summary>
/// Which campaigns to list: those whose home tenant, or one of whose partners, is <see cref="Scope"/> — or, with
/// <see cref="Descendants"/>, anywhere below it too (a coordinator's reach; a member key reaches its own tenant only).
/// </summary>
public sealed record CampaignListQuery(string Scope, bool Descendants = true, int Offset = 0, int Limit = ListPaging.DefaultLimit);

/// <summary>A page of campaigns, with the total across all pages.</summary>
public sealed record CampaignListPage(IReadOnlyList<CampaignListRow> Items, int Total);

/// <summary>The campaigns list: written by campaign grains after each definition, read by the campaign service.</summary>
public interface ICampaignReadModel
{
    /// <summary>
    /// Inserts or replaces the row and its partners as a whole (a partner left out is no longer listed for it);
    /// ignored when the stored row already has this or a newer version.
    /// </summary>
    Task UpsertAsync(CampaignListRow row, CancellationToken cancellationToken = default);

    /// <summary>One page of the campaigns in scope, latest launch first (undated last), then by key.</summary>
    Task<CampaignListPage> QueryAsync(CampaignListQuery query, CancellationToken cancellationToken = default);
}
