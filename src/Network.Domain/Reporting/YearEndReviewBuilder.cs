using Network.Domain.Commitments;

namespace Network.Domain.Reporting;

/// <summary>A session a year-end review names: its home tenant, id, title and date.</summary>
public sealed record SessionHeading(string HomeTenant, string SessionId, string Title, DateOnly? HeldOn);

/// <summary>Builds the year-end review from the commitments due in the year, as they stood at a moment.</summary>
public static class YearEndReviewBuilder
{
    public static YearEndReview Build(
        string tenant, string tenantName, int year, IReadOnlyList<CommitmentSource> sources,
        IReadOnlyList<SessionHeading> sessions, DateTimeOffset asOf, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(sessions);
        var reviewed = sources
            .Where(s => s.Commitment.Draft.DueOn.Year == year)
            .Select(s => ReportCommitmentBuilder.Build(s, asOf))
            .Select(c => new ReviewedCommitment(c, c.Review))
            .ToList();

        var headings = sessions.ToDictionary(s => (s.HomeTenant, s.SessionId));
        var bySession = reviewed
            .GroupBy(r => (r.Commitment.HomeTenant, r.Commitment.SessionId))
            .Select(g =>
            {
                var heading = headings.GetValueOrDefault(g.Key)
                    ?? new SessionHeading(g.Key.HomeTenant, g.Key.SessionId, g.First().Commitment.SessionTitle, null);
                return new ReviewSession(heading.HomeTenant, heading.SessionId, heading.Title, heading.HeldOn,
                    g.OrderBy(c => c.Commitment.Period).ThenBy(c => c.Commitment.Ordinal).ToList());
            })
            .OrderBy(s => s.HeldOn ?? DateOnly.MaxValue).ThenBy(s => s.HomeTenant, StringComparer.Ordinal).ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();

        return new YearEndReview(tenant, tenantName, year, asOf, generatedAt, bySession, Accountability(reviewed));
    }

    /// <summary>
    /// One row per owner organisation (a tenant, or a name from the report that matched none): its commitments by the
    /// status the review counts, and its forum reports: asked for by the moment, and in by their due date.
    /// </summary>
    private static List<OwnerAccountability> Accountability(List<ReviewedCommitment> reviewed)
    {
        var byOwner = reviewed
            .SelectMany(r => r.Commitment.Owners.Select(o => (Owner: o, Reviewed: r)))
            .GroupBy(x => x.Owner.Tenant ?? "name:" + x.Owner.Name, StringComparer.Ordinal);
        var rows = new List<OwnerAccountability>();
        foreach (var group in byOwner)
        {
            var items = group.Select(x => x.Reviewed).ToList();
            int Count(string status) => items.Count(i => i.CountedStatus == status);
            rows.Add(new OwnerAccountability(
                group.First().Owner,
                items.Count,
                Count(CommitmentStatuses.Complete),
                Count(CommitmentStatuses.Substantial),
                Count(CommitmentStatuses.Limited),
                Count(CommitmentStatuses.NotStarted),
                Count(CommitmentStatuses.Stalled),
                items.Count(i => i.Commitment.ForumReportAsked),
                items.Count(i => i.Commitment.ForumReportOnTime)));
        }
        return rows.OrderBy(r => r.Owner.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
