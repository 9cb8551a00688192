using System.IO.Compression;
using MiniExcelLibs;
using Network.Contracts.Commitments;
using Network.Documents.Layout;
using Network.Documents.Spreadsheets;

namespace Network.Documents.Tests.Spreadsheets;

public sealed class XlsxReportWriterTests
{
    private static readonly DataSheet Sheet = new("Progress: Q1/Q2",
        ["commitment", "period", "due", "updated", "note"],
        [
            ["c-1", 1, new DateOnly(2017, 6, 30), new DateTimeOffset(2017, 1, 5, 10, 30, 0, TimeSpan.FromHours(2)), "=1+1"],
            ["c-2", 2, null, null, null],
        ]);

    private static MemoryStream Written(DataSheet sheet)
    {
        var output = new MemoryStream();
        new XlsxReportWriter().Write(new ReportDocument("Title", null, "en", "progress", [], sheet), output);
        output.Position = 0;
        return output;
    }

    [Fact]
    public void Names_its_format_for_downloads()
    {
        var writer = new XlsxReportWriter();

        Assert.Equal(("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"), (writer.Format, writer.MediaType, writer.Extension));
    }

    [Fact]
    public void The_header_row_is_the_column_titles_and_values_keep_their_types_with_dates_as_date_cells()
    {
        using var file = Written(Sheet);

        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(["commitment", "period", "due", "updated", "note"], rows[0].Keys);
        Assert.Equal("c-1", rows[0]["commitment"]);
        Assert.Equal(1d, rows[0]["period"]);
        Assert.Equal(new DateTime(2017, 6, 30), rows[0]["due"]);
        // The moment in UTC.
        Assert.Equal(new DateTime(2017, 1, 5, 8, 30, 0), rows[0]["updated"]);
        // Text that looks like a formula stays text.
        Assert.Equal("=1+1", rows[0]["note"]);
        Assert.Null(rows[1]["due"]);
        file.Position = 0;
        Assert.Equal(["Progress- Q1-Q2"], MiniExcel.GetSheetNames(file));
    }

    [Fact]
    public void Date_columns_carry_a_date_format_not_text()
    {
        using var file = Written(Sheet);
        using var zip = new ZipArchive(file);
        using var styles = new StreamReader(zip.GetEntry("xl/styles.xml")!.Open());

        var xml = styles.ReadToEnd();

        Assert.Contains("formatCode=\"yyyy-mm-dd\"", xml, StringComparison.Ordinal);
        Assert.Contains("formatCode=\"yyyy-mm-dd hh:mm\"", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_without_rows_still_has_its_header()
    {
        using var file = Written(Sheet with { Rows = [] });

        var header = (IDictionary<string, object?>)MiniExcel.Query(file, useHeaderRow: false).First();

        Assert.Equal(["commitment", "period", "due", "updated", "note"], header.Values);
    }

    [Fact]
    public void A_value_of_another_type_or_a_row_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Written(Sheet with { Rows = [["c-1", 1.5, null, null, null]] }));
        Assert.Throws<ArgumentException>(() => Written(Sheet with { Rows = [["c-1"]] }));
        Assert.Throws<ArgumentException>(() => Written(Sheet with { Columns = ["a", "a", "b", "c", "d"] }));
    }

    [Fact]
    public void An_exported_commitment_list_reads_back_as_a_progress_sheet()
    {
        var commitments = new[]
        {
            new CommitmentSummaryResource("c-1", "forum", "gfmd-2016-c", 1, 1, "Train officials", "limited", new DateOnly(2017, 6, 30), ["tmp", "gcm"], DateTimeOffset.UnixEpoch),
        };
        using var file = new MemoryStream(CommitmentSpreadsheet.Xlsx(commitments));

        var sheet = ProgressSheetReader.ReadXlsx(file);

        Assert.Equal(("A", "B", "C", "D"), (sheet.Columns.Commitment.Letter, sheet.Columns.Status.Letter, sheet.Columns.Note!.Letter, sheet.Columns.Evidence!.Letter));
        Assert.Equal([new Network.Domain.Commitments.ProgressImport.ProgressImportRow(2, "c-1", "limited", null, null)], sheet.Rows);
        file.Position = 0;
        var row = (IDictionary<string, object?>)MiniExcel.Query(file, useHeaderRow: true).Single();
        Assert.Equal("tmp, gcm", row["owners"]);
        Assert.Equal(new DateTime(2017, 6, 30), row["due"]);
    }
}
