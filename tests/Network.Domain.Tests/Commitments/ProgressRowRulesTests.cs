using Network.Contracts.Commitments;
using Network.Domain.Commitments.ProgressImport;

namespace Network.Domain.Tests.Commitments;

/// <summary>A progress sheet's row: its cells checked by the progress endpoint's rules, and its identity (one report per content).</summary>
public sealed class ProgressRowRulesTests
{
    private static readonly ProgressImportColumns Columns = new(
        new SheetColumn("A", "Engagement"), new SheetColumn("C", "Statut"), new SheetColumn("D", "Note"), new SheetColumn("F", "Preuve"));

    [Fact]
    public void A_valid_row_becomes_the_report_with_the_status_in_lower_case_and_text_trimmed()
    {
        var fields = ProgressRowFields.Check(new ProgressImportRow(7, " c-1 ", " Substantial ", "  Two workshops ", " https://example.org/r "), Columns);

        Assert.Empty(fields.Problems);
        Assert.Equal("c-1", fields.CommitmentId);
        Assert.Equal(new ReportProgressRequest("substantial", "Two workshops", "https://example.org/r"), fields.Request);
    }

    [Fact]
    public void Each_bad_cell_is_a_problem_at_its_row_and_column_named_by_the_files_header()
    {
        var fields = ProgressRowFields.Check(new ProgressImportRow(7, null, "done", new string('n', 4001), "ftp://example.org/r"), Columns);

        Assert.Null(fields.Request);
        Assert.Equal(
            [("row 7, column A (commitment)", "Engagement"), ("row 7, column C (status)", "Statut"), ("row 7, column D (note)", "Note"), ("row 7, column F (evidence)", "Preuve")],
            fields.Problems.Select(p => (p.Location, p.Header)));
        Assert.Contains("'done' is not a commitment status", fields.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("at most 4000", fields.Problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rows_identity_is_its_content_so_the_same_row_is_the_same_report()
    {
        var report = new ReportProgressRequest("limited", "Met | agreed", null);

        var id = SheetReportIdentity.MessageId("c-1", report);

        Assert.Equal(id, SheetReportIdentity.MessageId("c-1", report with { }));
        Assert.StartsWith("sheet:", id, StringComparison.Ordinal);
        Assert.Equal("sheet:".Length + 64, id.Length);
        Assert.NotEqual(id, SheetReportIdentity.MessageId("c-2", report));
        Assert.NotEqual(id, SheetReportIdentity.MessageId("c-1", report with { Status = "complete" }));
        Assert.NotEqual(id, SheetReportIdentity.MessageId("c-1", report with { EvidenceUrl = "https://example.org/" }));
        // A separator inside a note cannot make two different rows alike.
        Assert.NotEqual(SheetReportIdentity.MessageId("c-1", new ReportProgressRequest("limited", "a|b", null)),
            SheetReportIdentity.MessageId("c-1|limited", new ReportProgressRequest("a", "b", null)));
    }
}
