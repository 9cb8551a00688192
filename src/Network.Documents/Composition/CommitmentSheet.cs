using Network.Documents.Labels;
using Network.Documents.Layout;
using Network.Domain.Reporting;

namespace Network.Documents.Composition;

/// <summary>
/// One spreadsheet row per commitment with every field a coordinator filters on. The first columns are those the
/// progress import reads (commitment, status), so a report's sheet can be filled in and sent back.
/// </summary>
internal static class CommitmentSheet
{
    public static DataSheet For(ReportLabels labels, string name, IReadOnlyList<ReportCommitment> commitments, bool review)
    {
        var columns = new List<string>
        {
            labels["Col.Commitment"], labels["Col.Status"], labels["Col.RecordedStatus"], labels["Col.Session"], labels["Col.Period"],
            labels["Col.Ordinal"], labels["Col.Text"], labels["Col.Who"], labels["Col.Owners"], labels["Col.Due"], labels["Col.LatestUpdateAt"],
            labels["Col.LatestNote"], labels["Col.Evidence"], labels["Col.ForumReport"], labels["Col.MilestonesMet"], labels["Col.MilestonesMissed"],
            labels["Col.Stalls"], labels["Col.HighestEscalation"], labels["Col.DaysSilent"], labels["Col.LongestSilence"], labels["Col.HomeTenant"],
        };
        if (review)
        {
            columns.Add(labels["Col.FinalStatus"]);
            columns.Add(labels["Col.ReviewNote"]);
        }
        var rows = commitments.Select(c =>
        {
            var row = new List<object?>
            {
                c.Id, c.Status, c.RecordedStatus, c.SessionId, c.Period, c.Ordinal, c.Text, c.WhoText,
                string.Join(", ", c.Owners.Select(o => o.Tenant ?? o.Name)), c.DueOn, c.LatestUpdate?.At, c.LatestUpdate?.Note,
                string.Join(" ", c.EvidenceLinks), ForumReport(c), c.Milestones.Count(m => m.Outcome == MilestoneOutcome.Met),
                c.Milestones.Count(m => m.Outcome == MilestoneOutcome.Missed), c.Stall.Stalls, c.Stall.HighestEscalation,
                c.Stall.SilentDays, c.Stall.LongestSilenceDays, c.HomeTenant,
            };
            if (review)
            {
                row.Add(c.Review.FinalStatus);
                row.Add(c.Review.Note);
            }
            return (IReadOnlyList<object?>)row;
        }).ToList();
        // A worksheet name has at most 31 characters and none of : \ / ? * [ ].
        var sheetName = new string(name.Where(ch => ":\\/?*[]".IndexOf(ch, StringComparison.Ordinal) < 0).ToArray());
        return new DataSheet(sheetName.Length > 31 ? sheetName[..31] : sheetName, columns, rows);
    }

    /// <summary>The forum report's status code and note, for filtering; empty when there is none.</summary>
    private static string? ForumReport(ReportCommitment c) =>
        c.ForumReport is { } r ? string.Join(": ", new[] { r.Status, r.Note }.Where(s => !string.IsNullOrWhiteSpace(s))) : null;
}
