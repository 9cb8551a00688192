using Network.Documents.Labels;
using Network.Documents.Layout;
using Network.Domain.Commitments;
using Network.Domain.Reporting;

namespace Network.Documents.Composition;

/// <summary>
/// Lays out a session's progress report in the letter's own order: title block, then each period with its
/// commitments (a new printed page per period), the priority messages, the reflections, and the summary.
/// </summary>
public static class SessionReportComposer
{
    public static ReportDocument Compose(SessionProgressReport report, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        var blocks = new List<Block> { TitleBlock(report, labels) };
        foreach (var period in report.Periods)
        {
            blocks.Add(new PageBreak());
            blocks.AddRange(Period(period, labels));
        }
        if (report.PriorityMessages.Count > 0)
        {
            blocks.Add(new Heading(1, labels["PriorityMessages"]));
            blocks.Add(new BulletList(report.PriorityMessages
                .Select(m => (IReadOnlyList<Inline>)[new Text($"{m.Number}. ", Strong: true), new Text(m.Text + " (" + labels["MessageDue", labels.Date(m.DueOn)] + ")")])
                .ToList()));
        }
        if (report.Reflections.Count > 0)
        {
            blocks.Add(new Heading(1, labels["Reflections"]));
            blocks.Add(new BulletList(report.Reflections.Select(r => (IReadOnlyList<Inline>)[new Text(r)]).ToList()));
        }
        blocks.AddRange(Summary(report, labels));
        return new ReportDocument(
            report.Title,
            labels["SessionSubtitle", labels["ProgressReport"], labels.Date(report.AsOf)],
            labels.Language,
            $"{report.SessionId}-progress-report-{report.AsOf.UtcDateTime:yyyy-MM-dd}-{labels.Language}",
            blocks,
            Sheet(report, labels));
    }

    private static FieldList TitleBlock(SessionProgressReport report, ReportLabels labels)
    {
        var fields = new List<Field> { new(labels["Forum"], [new Text(report.Forum)]) };
        if (report.SessionCode is { } code)
        {
            fields.Add(new Field(labels["Session"], [new Text(code)]));
        }
        fields.Add(new Field(labels["HeldOn"], [new Text(labels.Date(report.HeldOn))]));
        if (report.Theme is { } theme)
        {
            fields.Add(new Field(labels["Theme"], [new Text(theme)]));
        }
        fields.Add(new Field(labels["AsOf"], [new Text(labels.Date(report.AsOf))]));
        return new FieldList(fields);
    }

    private static IEnumerable<Block> Period(ReportPeriod period, ReportLabels labels)
    {
        yield return new Heading(1, labels["PeriodHeading", period.Number, period.Title]);
        yield return new Paragraph(new Text(labels["PeriodDue", period.Milestone, labels.Date(period.DueOn)]));
        foreach (var c in period.Commitments)
        {
            yield return new Heading(2, labels["CommitmentHeading", c.Period, c.Ordinal]);
            yield return new Paragraph(new Text(c.Text));
            yield return new FieldList(Fields(c, labels));
        }
    }

    private static List<Field> Fields(ReportCommitment c, ReportLabels labels)
    {
        var fields = new List<Field>
        {
            new(labels["Who"], [new Text(c.WhoText)]),
            new(labels["Owners"], [new Text(c.Owners.Count > 0 ? CommitmentFields.Owners(c) : "-")]),
            new(labels["DueBy"], [new Text(labels.Date(c.DueOn))]),
            new(labels["Status"], CommitmentFields.StatusWithRecorded(labels, c)),
            new(labels["LatestUpdate"], CommitmentFields.LatestUpdate(labels, c)),
        };
        if (c.EvidenceLinks.Count > 0)
        {
            fields.Add(new Field(labels["Evidence"], CommitmentFields.Evidence(c)));
        }
        if (CommitmentFields.ForumReport(labels, c) is { } forumReport)
        {
            fields.Add(new Field(labels["ForumReport"], forumReport));
        }
        if (c.Milestones.Count > 0)
        {
            fields.Add(new Field(labels["Milestones"], [new Text(string.Join("; ", c.Milestones.Select(m => CommitmentFields.Milestone(labels, m))))]));
        }
        if (c.Interest is { } interest)
        {
            var names = interest.Names.Count > 0 ? ": " + string.Join(", ", interest.Names) : "";
            fields.Add(new Field(labels["Interest"], [new Text(labels["InterestCount", interest.Count] + names)]));
        }
        if (c.Condition is { } condition)
        {
            fields.Add(new Field(labels["Conditions"], [new Text(condition)]));
        }
        if (c.Dependency is { } dependency)
        {
            fields.Add(new Field(labels["Dependency"], [new Text(dependency)]));
        }
        if (c.Stall.Stalls > 0)
        {
            var line = labels["StallLine", c.Stall.Stalls, c.Stall.HighestEscalation];
            if (c.Stall.StalledNow && c.Stall.StalledSince is { } since)
            {
                line += "; " + labels["StalledNow", labels.Date(since)];
            }
            fields.Add(new Field(labels["Stalls"], [new Text(line)]));
        }
        return fields;
    }

    private static IEnumerable<Block> Summary(SessionProgressReport report, ReportLabels labels)
    {
        yield return new Heading(1, labels["Summary"]);
        foreach (var table in StatusCountTable.For(labels, report.Periods.Select(p => (labels["Period"] + " " + p.Number, p.Counts)).ToList(), report.Counts))
        {
            yield return table;
        }
        yield return new Heading(2, labels["WhatStalled"]);
        var stalled = report.Stalled;
        if (stalled.Count == 0)
        {
            yield return new Paragraph(new Text(labels["NothingStalled"]));
            yield break;
        }
        yield return new Table(
            [new(labels["Commitment"], 3), new(labels["Status"], 1.2), new(labels["Stalls"], 0.8, ColumnAlign.Right),
             new(labels["EscalationReached"], 1.2), new(labels["DaysSilent"], 1, ColumnAlign.Right)],
            stalled.Select(c => (IReadOnlyList<Cell>)
            [
                Cell.Of($"{c.Period}.{c.Ordinal} {Shorten(c.Text)}"),
                Cell.Of(CommitmentFields.Status(labels, c.Status)),
                Cell.Of(labels.Number(c.Stall.Stalls)),
                Cell.Of(CommitmentFields.Escalation(labels, c.Stall.HighestEscalation)),
                Cell.Of(labels.Number(c.Stall.SilentDays)),
            ]).ToList());
    }

    /// <summary>A commitment's text cut for a table cell; the full text is in its period.</summary>
    internal static string Shorten(string text) => text.Length <= 140 ? text : text[..137].TrimEnd() + "...";

    private static DataSheet Sheet(SessionProgressReport report, ReportLabels labels) =>
        CommitmentSheet.For(labels, report.SessionId, report.Commitments.ToList(), review: false);
}
