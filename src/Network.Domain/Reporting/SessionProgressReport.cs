using System.Text.Json.Serialization;
using Network.Domain.Sessions;

namespace Network.Domain.Reporting;

/// <summary>A period of the session with its commitments in the letter's order and their counts by status.</summary>
public sealed record ReportPeriod(int Number, string Title, string Milestone, DateOnly DueOn, IReadOnlyList<ReportCommitment> Commitments)
{
    public StatusCounts Counts => StatusCounts.Of(Commitments.Select(c => c.Status));
}

/// <summary>
/// The session's progress report: the session letter's own structure (title block, theme, periods with their
/// commitments, priority messages, reflections) with where each commitment stood at <see cref="AsOf"/>, and a
/// summary: counts by status per period, and what stalled with how far its escalation went.
/// </summary>
/// <param name="AsOf">The moment the report shows (the end of the requested day, or when it was made).</param>
/// <param name="GeneratedAt">When the report was made.</param>
public sealed record SessionProgressReport(
    string HomeTenant,
    string SessionId,
    string Forum,
    string? SessionCode,
    string Title,
    string? Theme,
    DateOnly HeldOn,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportPeriod> Periods,
    IReadOnlyList<PriorityMessage> PriorityMessages,
    IReadOnlyList<string> Reflections)
{
    [JsonIgnore]
    public IEnumerable<ReportCommitment> Commitments => Periods.SelectMany(p => p.Commitments);

    public StatusCounts Counts => StatusCounts.Of(Commitments.Select(c => c.Status));

    /// <summary>The commitments that stalled at least once, highest escalation first.</summary>
    public IReadOnlyList<ReportCommitment> Stalled =>
        Commitments.Where(c => c.Stall.Stalls > 0)
            .OrderByDescending(c => c.Stall.HighestEscalation).ThenByDescending(c => c.Stall.SilentDays).ThenBy(c => c.Period).ThenBy(c => c.Ordinal)
            .ToList();
}
