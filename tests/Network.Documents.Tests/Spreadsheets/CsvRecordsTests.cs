using Network.Documents.Spreadsheets;

namespace Network.Documents.Tests.Spreadsheets;

public sealed class CsvRecordsTests
{
    private static List<(int Row, string[] Cells)> Read(string text, char separator = ',') =>
        CsvRecords.Read(text, separator).Select(r => (r.Row, r.Cells.Select(c => c ?? "(null)").ToArray())).ToList();

    [Fact]
    public void Quoted_fields_keep_separators_line_breaks_and_doubled_quotes()
    {
        var records = Read("commitment,note\r\nc-1,\"Met, at last\"\r\nc-2,\"Two\nlines and a \"\"quote\"\"\"\r\nc-3,plain\r\n");

        Assert.Equal(4, records.Count);
        Assert.Equal(["c-1", "Met, at last"], records[1].Cells);
        Assert.Equal(["c-2", "Two\nlines and a \"quote\""], records[2].Cells);
        // A record spanning two lines is one row, as a spreadsheet shows it: the next one is row 4.
        Assert.Equal(4, records[3].Row);
        Assert.Equal(["c-3", "plain"], records[3].Cells);
    }

    [Theory]
    [InlineData("a,b\nc,d", 2)]
    [InlineData("a,b\r\nc,d\r\n", 2)]
    [InlineData("a,b\rc,d\r", 2)]
    [InlineData("a,b\n\nc,d\n", 3)]
    public void Records_end_at_crlf_lf_or_cr_and_blank_lines_count_as_rows(string text, int rows)
    {
        var records = Read(text);

        Assert.Equal(rows, records.Count);
        Assert.Equal(["c", "d"], records[^1].Cells);
        Assert.Equal(rows, records[^1].Row);
    }

    [Fact]
    public void Empty_fields_are_kept_in_their_place()
    {
        Assert.Equal(["", "b", "", ""], Read("\"\",b,,")[0].Cells);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_kept_as_written()
    {
        Assert.Equal(["a 5\" screen", "b"], Read("a 5\" screen,b")[0].Cells);
    }

    [Fact]
    public void A_quoted_field_never_closed_is_refused_naming_its_row()
    {
        var e = Assert.Throws<SpreadsheetUnreadableException>(() => Read("a,b\nc,\"never closed\nd,e\n"));

        Assert.Equal("row 2", Assert.Single(e.Problems).Where);
        Assert.Contains("never closed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("commitment,status,note\nc-1;x", ',')]
    [InlineData("engagement;statut;note\nc-1;limited;\"a, b, c\"", ';')]
    [InlineData("\n\n  \nengagement;statut\n", ';')]
    [InlineData("\"a;b;c\",status\n", ',')]
    [InlineData("commitment\n", ',')]
    public void The_separator_is_the_one_the_header_line_uses_outside_quotes(string text, char separator)
    {
        Assert.Equal(separator, CsvRecords.DetectSeparator(text));
    }

    [Fact]
    public void Semicolons_split_fields_and_commas_stay_in_them()
    {
        Assert.Equal(["c-1", "limited", "a, b"], Read("c-1;limited;a, b", ';')[0].Cells);
    }
}
