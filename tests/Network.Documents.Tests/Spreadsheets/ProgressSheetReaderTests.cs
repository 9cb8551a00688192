using System.Text;
using MiniExcelLibs;
using Network.Documents.Spreadsheets;
using Network.Domain.Commitments.ProgressImport;

namespace Network.Documents.Tests.Spreadsheets;

public sealed class ProgressSheetReaderTests
{
    private static MemoryStream Xlsx(IEnumerable<IDictionary<string, object?>> rows, bool printHeader = true)
    {
        var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows.ToList(), printHeader: printHeader);
        stream.Position = 0;
        return stream;
    }

    private static MemoryStream Utf8(string text, bool bom = false) =>
        new((bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    [Fact]
    public void An_xlsx_is_read_by_header_in_any_order_ignoring_other_columns_and_blank_rows()
    {
        using var file = Xlsx(
        [
            new Dictionary<string, object?> { ["summary"] = "Train officials", ["Statut"] = "Limited", ["Engagement"] = "c-1", ["Preuve"] = "https://example.org/a" },
            new Dictionary<string, object?> { ["summary"] = "Only a summary", ["Statut"] = null, ["Engagement"] = null, ["Preuve"] = null },
            new Dictionary<string, object?> { ["summary"] = null, ["Statut"] = "complete", ["Engagement"] = "c-2", ["Preuve"] = null },
        ]);

        var sheet = ProgressSheetReader.ReadXlsx(file);

        Assert.Equal(new SheetColumn("C", "Engagement"), sheet.Columns.Commitment);
        Assert.Equal(new SheetColumn("B", "Statut"), sheet.Columns.Status);
        Assert.Null(sheet.Columns.Note);
        Assert.Equal(new SheetColumn("D", "Preuve"), sheet.Columns.Evidence);
        Assert.Equal(
            [new ProgressImportRow(2, "c-1", "Limited", null, "https://example.org/a"), new ProgressImportRow(4, "c-2", "complete", null, null)],
            sheet.Rows);
    }

    [Fact]
    public void The_first_filled_row_is_the_header_and_rows_keep_their_numbers_in_the_file()
    {
        using var file = Xlsx(
        [
            new Dictionary<string, object?> { ["A"] = null, ["B"] = null },
            new Dictionary<string, object?> { ["A"] = "compromiso", ["B"] = "estado" },
            new Dictionary<string, object?> { ["A"] = "c-1", ["B"] = "stalled" },
        ], printHeader: false);

        var sheet = ProgressSheetReader.ReadXlsx(file);

        Assert.Equal("A", sheet.Columns.Commitment.Letter);
        Assert.Equal([new ProgressImportRow(3, "c-1", "stalled", null, null)], sheet.Rows);
    }

    [Fact]
    public void Numbers_and_dates_in_cells_are_read_as_text_in_the_invariant_culture()
    {
        using var file = Xlsx([new Dictionary<string, object?> { ["commitment"] = 12, ["status"] = "limited", ["note"] = new DateTime(2017, 6, 30) }]);

        var row = Assert.Single(ProgressSheetReader.ReadXlsx(file).Rows);

        Assert.Equal(("12", "2017-06-30"), (row.Commitment, row.Note));
    }

    [Fact]
    public void A_csv_with_french_headers_semicolons_a_byte_order_mark_and_quoted_notes_is_read()
    {
        using var file = Utf8("Engagement;Statut;Note;Justificatif\r\nc-1;limité;\"Réunion tenue; compte rendu\";https://example.org/cr\r\n;;;\r\nc-2;complete;;\r\n", bom: true);

        var sheet = ProgressSheetReader.ReadCsv(file);

        Assert.Equal(new SheetColumn("A", "Engagement"), sheet.Columns.Commitment);
        Assert.Equal(new SheetColumn("C", "Note"), sheet.Columns.Note);
        Assert.Equal(
            [new ProgressImportRow(2, "c-1", "limité", "Réunion tenue; compte rendu", "https://example.org/cr"), new ProgressImportRow(4, "c-2", "complete", null, null)],
            sheet.Rows);
    }

    [Fact]
    public void A_missing_required_column_is_refused_naming_the_accepted_headers_in_three_languages()
    {
        using var file = Utf8("commitment,note\nc-1,hello\n");

        var e = Assert.Throws<SpreadsheetUnreadableException>(() => ProgressSheetReader.ReadCsv(file));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("header (row 1)", problem.Where);
        Assert.Contains("status, statut, estado", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_named_by_two_columns_is_refused_naming_both()
    {
        using var file = Utf8("commitment,status,statut\nc-1,limited,complete\n");

        var e = Assert.Throws<SpreadsheetUnreadableException>(() => ProgressSheetReader.ReadCsv(file));

        Assert.Contains("Columns B and C", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n;;\n")]
    public void A_file_without_a_header_row_is_refused(string text)
    {
        using var file = Utf8(text);

        Assert.Equal("header", Assert.Single(Assert.Throws<SpreadsheetUnreadableException>(() => ProgressSheetReader.ReadCsv(file)).Problems).Where);
    }

    [Fact]
    public void A_csv_that_is_not_utf8_is_refused()
    {
        using var file = new MemoryStream(Encoding.Latin1.GetBytes("commitment,status,note\nc-1,limited,réunion\n"));

        var e = Assert.Throws<SpreadsheetUnreadableException>(() => ProgressSheetReader.ReadCsv(file));

        Assert.Contains("not UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_a_workbook_is_refused_as_a_file_problem()
    {
        using var file = Utf8("commitment,status\nc-1,limited\n");

        Assert.Equal("file", Assert.Single(Assert.Throws<SpreadsheetUnreadableException>(() => ProgressSheetReader.ReadXlsx(file)).Problems).Where);
    }

    [Fact]
    public void More_filled_rows_than_one_import_takes_are_refused()
    {
        var text = new StringBuilder("commitment,status\n");
        for (var i = 0; i <= ProgressImportLimits.MaxRows; i++)
        {
            text.Append("c-").Append(i).Append(",limited\n");
        }
        using var file = Utf8(text.ToString());

        var e = Assert.Throws<SpreadsheetUnreadableException>(() => ProgressSheetReader.ReadCsv(file));

        Assert.Equal("rows", Assert.Single(e.Problems).Where);
    }
}
