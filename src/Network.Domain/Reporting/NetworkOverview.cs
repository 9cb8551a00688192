namespace Network.Domain.Reporting;

/// <summary>One session of the subtree with its commitments counted by status.</summary>
public sealed record OverviewSession(string HomeTenant, string SessionId, string Title, DateOnly? HeldOn, StatusCounts Counts);

/// <summary>A commitment whose escalation is open: stalled now, at the rung it reached.</summary>
public sealed record OpenEscalation(ReportCommitment Commitment, int Level, DateTimeOffset? Since);

/// <summary>
/// The chair's overview of a tenant's subtree: every session side by side with its counts by status, the
/// commitments silent the longest, and the escalations still open.
/// </summary>
/// <param name="Commitments">Every commitment of the subtree, by home, session, period and number (the spreadsheet's rows).</param>
public sealed record NetworkOverview(
    string Tenant,
    string TenantName,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<OverviewSession> Sessions,
    IReadOnlyList<ReportCommitment> Commitments,
    IReadOnlyList<ReportCommitment> LongestSilent,
    IReadOnlyList<OpenEscalation> OpenEscalations)
{
    public StatusCounts Counts => new(
        Network.Domain.Commitments.CommitmentStatuses.All.ToDictionary(s => s, s => Sessions.Sum(x => x.Counts[s]), StringComparer.Ordinal));
}
