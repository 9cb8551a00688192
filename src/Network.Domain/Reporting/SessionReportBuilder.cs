using Network.Domain.Sessions;

namespace Network.Domain.Reporting;

/// <summary>Lays a session's commitments, as they stood at a moment, into the letter's periods.</summary>
public static class SessionReportBuilder
{
    /// <param name="sources">The session's commitments (any order); those the session does not list are left out.</param>
    public static SessionProgressReport Build(SessionSnapshot session, IReadOnlyList<CommitmentSource> sources, DateTimeOffset asOf, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sources);
        var byId = sources.ToDictionary(s => s.Commitment.Draft.Id, StringComparer.Ordinal);
        var letter = session.Session;
        var periods = letter.Periods
            .Select(p => new ReportPeriod(
                p.Number, p.Title, p.Milestone, p.DueOn,
                p.CommitmentIds.Where(byId.ContainsKey).Select(id => ReportCommitmentBuilder.Build(byId[id], asOf)).ToList()))
            .ToList();
        return new SessionProgressReport(
            session.HomeTenant.TenantId, letter.Id, letter.Forum, letter.SessionCode, letter.Title, letter.Theme, letter.HeldOn,
            asOf, generatedAt, periods, letter.PriorityMessages, letter.Reflections);
    }
}
