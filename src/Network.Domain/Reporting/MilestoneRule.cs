using Network.Domain.Commitments;

namespace Network.Domain.Reporting;

/// <summary>
/// Whether a milestone of a commitment was met. Network records progress on the commitment, not per milestone, so a
/// milestone counts as met when the commitment was complete by its date, or when the owners reported movement
/// (limited, substantial or complete) after the previous milestone and by this one's date; missed when its date
/// passed without; ahead while its date is after the report's moment; untracked when its date came before the
/// commitment was recorded in Network.
/// </summary>
public static class MilestoneRule
{
    private static readonly HashSet<string> Movement =
        [CommitmentStatuses.Limited, CommitmentStatuses.Substantial, CommitmentStatuses.Complete];

    /// <param name="milestones">The commitment's milestones.</param>
    /// <param name="progress">The progress updates up to the report's moment, oldest first.</param>
    public static IReadOnlyList<ReportMilestone> Judge(
        IReadOnlyList<CommitmentMilestone> milestones, IReadOnlyList<ReportUpdate> progress, DateTimeOffset recordedAt, DateTimeOffset asOf)
    {
        var result = new List<ReportMilestone>(milestones.Count);
        DateTimeOffset? previousEnd = null;
        foreach (var milestone in milestones.OrderBy(m => m.DueOn))
        {
            var end = EndOf(milestone.DueOn);
            var outcome =
                end > asOf ? MilestoneOutcome.Ahead
                : end < recordedAt ? MilestoneOutcome.Untracked
                : MetBy(progress, previousEnd, end) ? MilestoneOutcome.Met
                : MilestoneOutcome.Missed;
            result.Add(new ReportMilestone(milestone.Title, milestone.DueOn, outcome));
            previousEnd = end;
        }
        return result;
    }

    private static bool MetBy(IReadOnlyList<ReportUpdate> progress, DateTimeOffset? after, DateTimeOffset end) =>
        progress.Any(u => u.At <= end && u.Status == CommitmentStatuses.Complete)
        || progress.Any(u => u.At <= end && (after is null || u.At > after) && Movement.Contains(u.Status));

    /// <summary>The last moment of a day (UTC): a date in a report means "by the end of that day".</summary>
    public static DateTimeOffset EndOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
}
