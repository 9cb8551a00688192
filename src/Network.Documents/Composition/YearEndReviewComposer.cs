using Network.Documents.Labels;
using Network.Documents.Layout;
using Network.Domain.Reporting;

namespace Network.Documents.Composition;

/// <summary>
/// Lays out the year-end review: the year's counts by final status, the accountability table per owner, then each
/// session's commitments with their final status and the path they took.
/// </summary>
public static class YearEndReviewComposer
{
    public static ReportDocument Compose(YearEndReview review, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(labels);
        var title = labels["YearEndReview", review.Year] + ": " + review.TenantName;
        var blocks = new List<Block>();
        var total = review.Commitments.Count();
        if (total == 0)
        {
            blocks.Add(new Paragraph(new Text(labels["NothingDue", review.Year])));
        }
        else
        {
            blocks.Add(new Heading(1, labels["Summary"]));
            blocks.AddRange(StatusCountTable.For(labels,
                review.Sessions.Select(s => (s.Title, StatusCounts.Of(s.Commitments.Select(c => c.CountedStatus)))).ToList(), review.Counts));
            blocks.Add(new Paragraph(new Text(labels["NotReviewedCount", review.NotReviewed, total])));
            blocks.Add(new Heading(1, labels["Accountability"]));
            blocks.Add(Accountability(review, labels));
            foreach (var session in review.Sessions)
            {
                blocks.Add(new PageBreak());
                blocks.Add(new Heading(1, session.HeldOn is { } held ? $"{session.Title} ({labels.Date(held)})" : session.Title));
                blocks.Add(Commitments(session, labels));
            }
        }
        return new ReportDocument(
            title,
            labels["ReviewSubtitle", review.TenantName, labels.Date(review.AsOf)],
            labels.Language,
            $"year-end-review-{review.Tenant}-{review.Year}-{labels.Language}",
            blocks,
            CommitmentSheet.For(labels, $"{review.Tenant} {review.Year}", review.Commitments.Select(c => c.Commitment).ToList(), review: true));
    }

    private static Table Accountability(YearEndReview review, ReportLabels labels) => new(
        [new(labels["Owner"], 2.5), new(labels["Commitments"], 1, ColumnAlign.Right),
         new(labels.Status("complete"), 1, ColumnAlign.Right), new(labels.Status("substantial"), 1, ColumnAlign.Right),
         new(labels.Status("limited"), 1, ColumnAlign.Right), new(labels.Status("not-started"), 1, ColumnAlign.Right),
         new(labels.Status("stalled"), 1, ColumnAlign.Right), new(labels["ReportsOnTime"], 1.2, ColumnAlign.Right)],
        review.Owners.Select(o => (IReadOnlyList<Cell>)
        [
            Cell.Of(o.Owner.Name), Cell.Of(labels.Number(o.Commitments)), Cell.Of(labels.Number(o.Complete)),
            Cell.Of(labels.Number(o.Substantial)), Cell.Of(labels.Number(o.Limited)), Cell.Of(labels.Number(o.NotStarted)),
            Cell.Of(labels.Number(o.Stalled)), Cell.Of(labels["OnTimeOf", o.ReportsOnTime, o.ReportsAsked]),
        ]).ToList());

    private static Table Commitments(ReviewSession session, ReportLabels labels) => new(
        [new(labels["Commitment"], 3), new(labels["Owners"], 1.5), new(labels["DueBy"], 1.1), new(labels["FinalStatus"], 1.2),
         new(labels["Path"], 2.5), new(labels["EscalationReached"], 1), new(labels["LongestSilence"], 0.9, ColumnAlign.Right)],
        session.Commitments.Select(r => (IReadOnlyList<Cell>)
        [
            Cell.Of($"{r.Commitment.Period}.{r.Commitment.Ordinal} {SessionReportComposer.Shorten(r.Commitment.Text)}"),
            Cell.Of(CommitmentFields.Owners(r.Commitment)),
            Cell.Of(labels.Date(r.Commitment.DueOn)),
            r.Verdict.FinalStatus is { } final ? Cell.Of(CommitmentFields.Status(labels, final)) : Cell.Of(labels["NotReviewed"]),
            Cell.Of(CommitmentFields.Path(labels, r.Commitment)),
            Cell.Of(CommitmentFields.Escalation(labels, r.Commitment.Stall.HighestEscalation)),
            Cell.Of(labels.Number(r.Commitment.Stall.LongestSilenceDays)),
        ]).ToList());
}
