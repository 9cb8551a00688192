using Network.Documents.Labels;
using Network.Documents.Layout;
using Network.Domain.Reporting;

namespace Network.Documents.Composition;

/// <summary>The pieces every report shows of a commitment, in the report's language: its status, updates, evidence, milestones, stalls.</summary>
internal static class CommitmentFields
{
    public static StatusTag Status(ReportLabels labels, string status) => new(status, labels.Status(status));

    /// <summary>The counted status, with the recorded one beside it when the workflow holds the commitment stalled.</summary>
    public static IReadOnlyList<Inline> StatusWithRecorded(ReportLabels labels, ReportCommitment c) =>
        c.Status == c.RecordedStatus
            ? [Status(labels, c.Status)]
            : [Status(labels, c.Status), new Text(" (" + labels["RecordedAs", labels.Status(c.RecordedStatus)] + ")")];

    public static IReadOnlyList<Inline> LatestUpdate(ReportLabels labels, ReportCommitment c)
    {
        if (c.LatestUpdate is not { } update)
        {
            return [new Text(labels["NoUpdate"])];
        }
        var inlines = new List<Inline> { new Text(labels.Date(update.At), Strong: true), new Text(": "), Status(labels, update.Status) };
        if (!string.IsNullOrWhiteSpace(update.Note))
        {
            inlines.Add(new Text(". " + update.Note.Trim()));
        }
        return inlines;
    }

    public static IReadOnlyList<Inline> Evidence(ReportCommitment c)
    {
        var inlines = new List<Inline>();
        foreach (var link in c.EvidenceLinks)
        {
            if (inlines.Count > 0)
            {
                inlines.Add(new Text(", "));
            }
            inlines.Add(Links.LinkOrText(null, link));
        }
        return inlines;
    }

    /// <summary>What the owners answered the forum's progress-report task, or that they were asked and did not answer.</summary>
    public static IReadOnlyList<Inline>? ForumReport(ReportLabels labels, ReportCommitment c)
    {
        if (c.ForumReport is { } report)
        {
            var inlines = new List<Inline> { new Text(labels.Date(report.SubmittedAt), Strong: true) };
            if (report.Status is { } status && Network.Domain.Commitments.CommitmentStatuses.IsValid(status))
            {
                inlines.Add(new Text(": "));
                inlines.Add(Status(labels, status));
            }
            if (!string.IsNullOrWhiteSpace(report.Note))
            {
                inlines.Add(new Text(". " + report.Note.Trim()));
            }
            if (!c.ForumReportOnTime)
            {
                inlines.Add(new Text(" (" + labels["ForumReportLate"] + ")"));
            }
            return inlines;
        }
        return c.ForumReportDueAt is { } due ? [new Text(labels["ForumReportMissing", labels.Date(due)])] : null;
    }

    public static string Milestone(ReportLabels labels, ReportMilestone m) =>
        $"{m.Title} ({labels.Date(m.DueOn)}): {labels.Milestone(m.Outcome)}";

    public static string Owners(ReportCommitment c) => string.Join(", ", c.Owners.Select(o => o.Name));

    public static string Escalation(ReportLabels labels, int level) => level == 0 ? labels["NoEscalation"] : labels["Level", level];

    /// <summary>The statuses a commitment took, oldest first, as "Not started (date) → Limited (date)".</summary>
    public static string Path(ReportLabels labels, ReportCommitment c) =>
        string.Join(" → ", c.StatusPath.Select(s => $"{labels.Status(s.Status)} ({labels.Date(s.At)})"));
}
