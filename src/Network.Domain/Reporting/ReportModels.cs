using System.Text.Json.Serialization;
using Network.Domain.Commitments;

namespace Network.Domain.Reporting;

// The data of the reports, as of one moment: what the renderers in Network.Documents lay out in every format and
// language. Nothing here is text for a reader except the partners' own words (commitment text, notes, messages);
// labels, status names and dates are the renderers' business.

/// <summary>A tenant that owns a commitment, or a name from the report that matched no tenant (Tenant null).</summary>
public sealed record ReportOwner(string Name, string? Tenant);

/// <summary>One progress update as recorded: when, the status it set, what was said, the evidence, and who sent it.</summary>
public sealed record ReportUpdate(DateTimeOffset At, string Status, string? Note, string? EvidenceUrl, string By);

/// <summary>What the owners answered to the forum's progress-report task (its result), and when.</summary>
public sealed record ForumReport(DateTimeOffset SubmittedAt, string? Status, string? Note, DateTimeOffset? DueAt);

/// <summary>Whether a milestone of a commitment was met, missed, or is still ahead (<see cref="MilestoneRule"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MilestoneOutcome>))]
public enum MilestoneOutcome
{
    /// <summary>Its date is after the report's moment.</summary>
    Ahead,
    Met,
    Missed,

    /// <summary>Its date came before the commitment was recorded in Network, so nothing can be said of it.</summary>
    Untracked,
}

public sealed record ReportMilestone(string Title, DateOnly DueOn, MilestoneOutcome Outcome);

/// <summary>
/// How a commitment fared with the workflow that follows it, up to the report's moment: how often it stalled, the
/// highest rung of the escalation ladder reached, whether it is stalled now, and the longest time without progress.
/// </summary>
/// <param name="HighestEscalation">The highest rung reached by any stall (0: none).</param>
/// <param name="CurrentEscalation">The rung reached by the stall still open (0 when not stalled now).</param>
/// <param name="StalledNow">True when its last stall has not been cleared by progress.</param>
/// <param name="SilentDays">Whole days since the last progress (or since it was recorded, when none came).</param>
/// <param name="LongestSilenceDays">The longest stretch without progress, in whole days, up to the report's moment.</param>
public sealed record StallRecord(int Stalls, int HighestEscalation, int CurrentEscalation, bool StalledNow, DateTimeOffset? StalledSince, int SilentDays, int LongestSilenceDays)
{
    public static StallRecord None { get; } = new(0, 0, 0, false, null, 0, 0);
}

/// <summary>One status a commitment took, and when (the first entry is the status it was recorded with).</summary>
public sealed record StatusChange(DateTimeOffset At, string Status, string By);

/// <summary>One commitment as it stood at the report's moment.</summary>
/// <param name="Status">The status the report counts (<see cref="ReportStatusRule"/>): the recorded one, or stalled while the workflow holds it stalled.</param>
/// <param name="RecordedStatus">The status last recorded by the owners or the import, as of the report's moment.</param>
/// <param name="LatestUpdate">The latest progress update up to the report's moment, if any.</param>
/// <param name="ForumReportDueAt">When the owners' forum report was due, once they had been asked for it by the moment.</param>
/// <param name="Review">The coordinator's year-end verdict, by the moment.</param>
/// <param name="EvidenceLinks">The http(s) evidence of every update up to the report's moment, oldest first, each once.</param>
public sealed record ReportCommitment(
    string Id,
    string HomeTenant,
    string SessionId,
    string SessionTitle,
    int Period,
    int Ordinal,
    string Text,
    string WhoText,
    IReadOnlyList<ReportOwner> Owners,
    DateOnly DueOn,
    string Status,
    string RecordedStatus,
    ReportUpdate? LatestUpdate,
    IReadOnlyList<string> EvidenceLinks,
    ForumReport? ForumReport,
    DateTimeOffset? ForumReportDueAt,
    ReviewVerdict Review,
    IReadOnlyList<ReportMilestone> Milestones,
    CommitmentInterest? Interest,
    string? Condition,
    string? Dependency,
    StallRecord Stall,
    IReadOnlyList<StatusChange> StatusPath)
{
    /// <summary>Whether the owners were asked for their forum report by the moment.</summary>
    public bool ForumReportAsked => ForumReport is not null || ForumReportDueAt is not null;

    /// <summary>Whether their forum report came in by its due date.</summary>
    public bool ForumReportOnTime => ForumReport is { } report && (report.DueAt is null || report.SubmittedAt <= report.DueAt);
}

/// <summary>Commitments counted by status (every status of <see cref="CommitmentStatuses.All"/>, zero included).</summary>
public sealed record StatusCounts(IReadOnlyDictionary<string, int> ByStatus)
{
    public int Total => ByStatus.Values.Sum();

    public int this[string status] => ByStatus.TryGetValue(status, out var n) ? n : 0;

    public static StatusCounts Of(IEnumerable<string> statuses)
    {
        var counts = CommitmentStatuses.All.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var status in statuses)
        {
            counts[status] = counts.TryGetValue(status, out var n) ? n + 1 : 1;
        }
        return new StatusCounts(counts);
    }
}
