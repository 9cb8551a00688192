using Network.Domain.Commitments;

namespace Network.Domain.Reporting;

/// <summary>Builds the chair's overview from every commitment of the subtree, as it stood at a moment.</summary>
public static class NetworkOverviewBuilder
{
    /// <summary>How many of the longest-silent commitments the overview names.</summary>
    public const int LongestSilentCount = 10;

    public static NetworkOverview Build(
        string tenant, string tenantName, IReadOnlyList<CommitmentSource> sources, IReadOnlyList<SessionHeading> sessions,
        DateTimeOffset asOf, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(sessions);
        var commitments = sources.Select(s => ReportCommitmentBuilder.Build(s, asOf)).ToList();
        var headings = sessions.ToDictionary(s => (s.HomeTenant, s.SessionId));

        var bySession = commitments
            .GroupBy(c => (c.HomeTenant, c.SessionId))
            .Select(g =>
            {
                var heading = headings.GetValueOrDefault(g.Key) ?? new SessionHeading(g.Key.HomeTenant, g.Key.SessionId, g.First().SessionTitle, null);
                return new OverviewSession(heading.HomeTenant, heading.SessionId, heading.Title, heading.HeldOn, StatusCounts.Of(g.Select(c => c.Status)));
            })
            .OrderBy(s => s.HeldOn ?? DateOnly.MaxValue).ThenBy(s => s.HomeTenant, StringComparer.Ordinal).ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();

        var open = commitments.Where(c => c.RecordedStatus is not (CommitmentStatuses.Complete or CommitmentStatuses.Withdrawn)).ToList();
        var longestSilent = open
            .OrderByDescending(c => c.Stall.SilentDays).ThenBy(c => c.DueOn).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(LongestSilentCount)
            .ToList();

        var escalations = open
            .Where(c => c.Stall.StalledNow)
            .Select(c => new OpenEscalation(c, c.Stall.CurrentEscalation, c.Stall.StalledSince))
            .OrderByDescending(e => e.Level).ThenBy(e => e.Since).ThenBy(e => e.Commitment.Id, StringComparer.Ordinal)
            .ToList();

        var ordered = commitments
            .OrderBy(c => c.HomeTenant, StringComparer.Ordinal).ThenBy(c => c.SessionId, StringComparer.Ordinal).ThenBy(c => c.Period).ThenBy(c => c.Ordinal)
            .ToList();
        return new NetworkOverview(tenant, tenantName, asOf, generatedAt, bySession, ordered, longestSilent, escalations);
    }
}
