using System.Text.Json.Serialization;

namespace Network.Domain.Reporting;

/// <summary>The coordinator's year-end verdict on a commitment (the review task's result), or none yet.</summary>
/// <param name="FinalStatus">The status the coordinator gave; null when the commitment was not reviewed.</param>
public sealed record ReviewVerdict(string? FinalStatus, string? Note, DateTimeOffset? ReviewedAt)
{
    public bool Reviewed => FinalStatus is not null;

    public static ReviewVerdict NotReviewed { get; } = new(null, null, null);
}

public sealed record ReviewedCommitment(ReportCommitment Commitment, ReviewVerdict Verdict)
{
    /// <summary>The status the review counts: the coordinator's verdict, else where the commitment stood.</summary>
    public string CountedStatus => Verdict.FinalStatus ?? Commitment.Status;
}

/// <summary>
/// One owner organisation's record for the year: its commitments by the status the review counts, how many stalled,
/// and how many of its forum progress reports came in by their due date out of those asked for.
/// </summary>
public sealed record OwnerAccountability(
    ReportOwner Owner,
    int Commitments,
    int Complete,
    int Substantial,
    int Limited,
    int NotStarted,
    int Stalled,
    int ReportsAsked,
    int ReportsOnTime);

/// <summary>The commitments of one session that are under review.</summary>
public sealed record ReviewSession(string HomeTenant, string SessionId, string Title, DateOnly? HeldOn, IReadOnlyList<ReviewedCommitment> Commitments);

/// <summary>
/// The year-end review of a tenant's subtree: every commitment due in <see cref="Year"/>, its final status from the
/// coordinator's review (or not reviewed), the path it took; by session, and an accountability table per owner.
/// </summary>
public sealed record YearEndReview(
    string Tenant,
    string TenantName,
    int Year,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReviewSession> Sessions,
    IReadOnlyList<OwnerAccountability> Owners)
{
    [JsonIgnore]
    public IEnumerable<ReviewedCommitment> Commitments => Sessions.SelectMany(s => s.Commitments);

    public StatusCounts Counts => StatusCounts.Of(Commitments.Select(c => c.CountedStatus));

    public int NotReviewed => Commitments.Count(c => !c.Verdict.Reviewed);
}
