using Network.Documents.Layout;

namespace Network.Documents.Tests.Writers;

/// <summary>Report documents for the writers' tests, with the partners' hostile and accented text in them.</summary>
internal static class SampleReports
{
    public const string Script = "<script>alert(1)</script>";
    public const string French = "Engagement réalisé à 50 % — «Niño»";
    public const string Evidence = "https://example.org/evidence?id=7&lang=fr";

    public static ReportDocument Sample() => new(
        "GFMD 2016 — progress report",
        "Session C, as of 1 March 2017",
        "fr",
        "gfmd-2016-c-progress-report",
        [
            new Heading(1, "Period 1"),
            new Paragraph(new Text(French)),
            new FieldList(
            [
                new Field("Who", [new Text("Migrant Forum in Asia")]),
                new Field("Status", [new StatusTag("stalled", "Bloqué")]),
                new Field("Evidence", [Links.LinkOrText("Annual report", Evidence)]),
            ]),
            new Heading(2, "Partner notes"),
            new BulletList(
            [
                [new Text(Script)],
                [new Text("*bold*")],
                [Links.LinkOrText("[x](javascript:alert(1))", "javascript:alert(1)")],
                [new Text("| pipe")],
            ]),
            new Table(
                [new Column("Commitment", 3), new Column("Owner", 2), new Column("Due", 1, ColumnAlign.Right)],
                [
                    [Cell.Of("Train 30 officials"), Cell.Of("IOM"), Cell.Of("2017-06-30")],
                    [Cell.Of(new Text("Publish a guide "), new StatusTag("complete", "Réalisé")), Cell.Of("| pipe"), Cell.Of("2016-12-31")],
                ]),
            new PageBreak(),
            new Heading(1, "Period 2"),
            new Paragraph(new Text("Nothing yet.")),
        ],
        new DataSheet("Commitments", [], []));

    public static ReportDocument With(params Block[] blocks) =>
        new("Report", null, "en", "report", blocks, new DataSheet("Sheet", [], []));

    /// <summary>A table of <paramref name="rows"/> rows whose cells wrap onto several lines.</summary>
    public static ReportDocument LongTable(int rows) => new(
        "Long report",
        null,
        "en",
        "long-report",
        [
            new Heading(1, "Commitments"),
            new Table(
                [new Column("Commitment", 4), new Column("Owner", 2), new Column("Number", 1, ColumnAlign.Right)],
                Enumerable.Range(1, rows).Select(i => (IReadOnlyList<Cell>)
                [
                    Cell.Of($"Row {i}: the partners will hold regional consultations with migrants' associations and report on what they heard"),
                    Cell.Of($"Owner {i}"),
                    Cell.Of($"{i}"),
                ]).ToList()),
        ],
        new DataSheet("Sheet", [], []));
}
