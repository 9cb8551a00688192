using Network.Documents.Labels;
using Network.Documents.Layout;
using Network.Domain.Reporting;

namespace Network.Documents.Composition;

/// <summary>Lays out the chair's overview: the sessions side by side, the longest silent commitments, the open escalations.</summary>
public static class NetworkOverviewComposer
{
    public static ReportDocument Compose(NetworkOverview overview, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ArgumentNullException.ThrowIfNull(labels);
        var blocks = new List<Block> { new Heading(1, labels["Sessions"]) };
        if (overview.Sessions.Count == 0)
        {
            blocks.Add(new Paragraph(new Text(labels["NoSessions"])));
        }
        else
        {
            blocks.AddRange(StatusCountTable.For(labels,
                overview.Sessions.Select(s => (s.HeldOn is { } held ? $"{s.Title} ({labels.Date(held)})" : s.Title, s.Counts)).ToList(),
                overview.Counts));
        }

        blocks.Add(new Heading(1, labels["LongestSilent"]));
        blocks.Add(overview.LongestSilent.Count == 0
            ? new Paragraph(new Text(labels["NothingSilent"]))
            : new Table(
                [new(labels["Commitment"], 3), new(labels["Owners"], 1.5), new(labels["Status"], 1.2), new(labels["DueBy"], 1.1),
                 new(labels["DaysSilent"], 1, ColumnAlign.Right)],
                overview.LongestSilent.Select(c => (IReadOnlyList<Cell>)
                [
                    Cell.Of($"{c.SessionId} {c.Period}.{c.Ordinal} {SessionReportComposer.Shorten(c.Text)}"),
                    Cell.Of(CommitmentFields.Owners(c)),
                    Cell.Of(CommitmentFields.Status(labels, c.Status)),
                    Cell.Of(labels.Date(c.DueOn)),
                    Cell.Of(labels.Number(c.Stall.SilentDays)),
                ]).ToList()));

        blocks.Add(new Heading(1, labels["OpenEscalations"]));
        blocks.Add(overview.OpenEscalations.Count == 0
            ? new Paragraph(new Text(labels["NoOpenEscalations"]))
            : new Table(
                [new(labels["Commitment"], 3), new(labels["Owners"], 1.5), new(labels["EscalationReached"], 1.2), new(labels["Since"], 1.1),
                 new(labels["DaysSilent"], 1, ColumnAlign.Right)],
                overview.OpenEscalations.Select(e => (IReadOnlyList<Cell>)
                [
                    Cell.Of($"{e.Commitment.SessionId} {e.Commitment.Period}.{e.Commitment.Ordinal} {SessionReportComposer.Shorten(e.Commitment.Text)}"),
                    Cell.Of(CommitmentFields.Owners(e.Commitment)),
                    Cell.Of(CommitmentFields.Escalation(labels, e.Level)),
                    Cell.Of(e.Since is { } since ? labels.Date(since) : ""),
                    Cell.Of(labels.Number(e.Commitment.Stall.SilentDays)),
                ]).ToList()));

        return new ReportDocument(
            labels["Overview"] + ": " + overview.TenantName,
            labels["OverviewSubtitle", overview.TenantName, labels.Date(overview.AsOf)],
            labels.Language,
            $"overview-{overview.Tenant}-{overview.AsOf.UtcDateTime:yyyy-MM-dd}-{labels.Language}",
            blocks,
            CommitmentSheet.For(labels, overview.Tenant, overview.Commitments, review: false));
    }
}
