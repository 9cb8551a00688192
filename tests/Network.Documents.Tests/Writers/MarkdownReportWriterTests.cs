using System.Text;
using Network.Documents.Layout;
using Network.Documents.Writers.Markdown;

namespace Network.Documents.Tests.Writers;

public sealed class MarkdownReportWriterTests
{
    private static string Write(ReportDocument document)
    {
        using var output = new MemoryStream();
        new MarkdownReportWriter().Write(document, output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string Body(params Block[] blocks)
    {
        var text = Write(SampleReports.With(blocks));
        Assert.StartsWith("# Report\n\n", text, StringComparison.Ordinal);
        return text["# Report\n\n".Length..];
    }

    [Fact]
    public void Names_its_format()
    {
        var writer = new MarkdownReportWriter();

        Assert.Equal(("md", "text/markdown", "md"), (writer.Format, writer.MediaType, writer.Extension));
    }

    [Fact]
    public void Writes_the_sample_report_as_this_exact_text()
    {
        const string expected = """
            # GFMD 2016 — progress report

            *Session C, as of 1 March 2017*

            ## Period 1

            Engagement réalisé à 50 % — «Niño»

            - **Who:** Migrant Forum in Asia
            - **Status:** **Bloqué**
            - **Evidence:** [Annual report](<https://example.org/evidence?id=7&lang=fr>)

            ### Partner notes

            - \<script\>alert(1)\</script\>
            - \*bold\*
            - \[x\](javascript\:alert(1))
            - \| pipe

            | Commitment | Owner | Due |
            | --- | --- | ---: |
            | Train 30 officials | IOM | 2017-06-30 |
            | Publish a guide **Réalisé** | \| pipe | 2016-12-31 |

            ## Period 2

            Nothing yet.

            """;

        Assert.Equal(expected, Write(SampleReports.Sample()));
    }

    [Fact]
    public void Writes_utf8_without_a_byte_order_mark_and_the_same_bytes_every_time()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        new MarkdownReportWriter().Write(SampleReports.Sample(), first);
        new MarkdownReportWriter().Write(SampleReports.Sample(), second);

        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal((byte)'#', first.ToArray()[0]);
        Assert.DoesNotContain("\r", Encoding.UTF8.GetString(first.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Ends_with_exactly_one_newline_and_writes_nothing_for_a_page_break_or_an_empty_block()
    {
        var text = Write(SampleReports.With(new Paragraph(new Text("One")), new PageBreak(), new Paragraph(), new Paragraph(new Text("Two")), new PageBreak()));

        Assert.Equal("# Report\n\nOne\n\nTwo\n", text);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", @"\<script\>alert(1)\</script\>")]
    [InlineData("*bold*", @"\*bold\*")]
    [InlineData("_under_ `code` ~~gone~~", @"\_under\_ \`code\` \~\~gone\~\~")]
    [InlineData("[x](javascript:alert(1))", @"\[x\](javascript\:alert(1))")]
    [InlineData("![img](https://example.org/x.png)", @"!\[img\](https\://example.org/x.png)")]
    [InlineData("| pipe", @"\| pipe")]
    [InlineData("# not a heading", @"\# not a heading")]
    [InlineData("> not a quote", @"\> not a quote")]
    [InlineData("- not a list", @"\- not a list")]
    [InlineData("+ not a list", @"\+ not a list")]
    [InlineData("1. not a list", @"1\. not a list")]
    [InlineData("2016) not a list", @"2016\) not a list")]
    [InlineData("&amp; &#65;", @"\&amp; \&\#65;")]
    [InlineData("see www.example.org", @"see www\.example.org")]
    [InlineData("https://example.org", @"https\://example.org")]
    [InlineData("back\\slash", @"back\\slash")]
    [InlineData("$x$ and {attr}", @"\$x\$ and \{attr\}")]
    [InlineData("Engagement réalisé à 50 % — «Niño», 2017-06-30, it's (done)!", "Engagement réalisé à 50 % — «Niño», 2017-06-30, it's (done)!")]
    public void Escapes_partner_text_so_that_it_stays_text(string partnerText, string expected)
    {
        Assert.Equal(expected + "\n", Body(new Paragraph(new Text(partnerText))));
    }

    [Fact]
    public void A_javascript_address_is_never_a_link()
    {
        var body = Body(new Paragraph(Links.LinkOrText("click", "javascript:alert(1)"), new Text(" "), new Link("forged", new Uri("javascript:alert(2)"))));

        Assert.Equal("click forged\n", body);
    }

    [Fact]
    public void Writes_a_link_with_its_address_between_angle_brackets_and_escapes_the_label()
    {
        var body = Body(new Paragraph(new Text("See "), new Link("the [report]", new Uri("https://example.org/a b?x=<1>")), new Text(".")));

        Assert.Equal("See [the \\[report\\]](<https://example.org/a%20b?x=%3C1%3E>).\n", body);
    }

    [Fact]
    public void An_exclamation_mark_before_a_link_does_not_make_it_an_image()
    {
        var body = Body(new Paragraph(new Text("Look!"), new Link("x", new Uri("https://example.org/x.png"))));

        Assert.Equal("Look\\![x](<https://example.org/x.png>)\n", body);
    }

    [Fact]
    public void A_line_break_in_partner_text_is_a_hard_break_and_stays_inside_its_list_item()
    {
        var body = Body(
            new Paragraph(new Text("First line\r\n\r\n  - second line")),
            new BulletList([[new Text("Item\nnext")]]));

        Assert.Equal("First line\\\n\\- second line\n\n- Item\\\n  next\n", body);
    }

    [Fact]
    public void A_line_break_in_a_table_cell_is_a_space()
    {
        var body = Body(new Table([new Column("A\nB")], [[Cell.Of("one\ntwo")]]));

        Assert.Equal("| A B |\n| --- |\n| one two |\n", body);
    }

    [Fact]
    public void Headings_go_from_two_to_four_hashes()
    {
        var body = Body(new Heading(1, "One"), new Heading(2, "Two"), new Heading(3, "Three"), new Heading(9, "Deep"));

        Assert.Equal("## One\n\n### Two\n\n#### Three\n\n#### Deep\n", body);
    }

    [Fact]
    public void Two_lists_in_a_row_take_different_bullets_so_that_they_stay_two_lists()
    {
        var body = Body(
            new FieldList([new Field("Who", [new Text("IOM")])]),
            new BulletList([[new Text("a")]]),
            new BulletList([[new Text("b")]]));

        Assert.Equal("- **Who:** IOM\n\n* a\n\n- b\n", body);
    }

    [Fact]
    public void Bold_runs_keep_their_spaces_outside_the_asterisks()
    {
        var body = Body(new Paragraph(new Text("Status"), new Text(" done ", Strong: true), new StatusTag("complete", "Complete"), new Text("!")));

        Assert.Equal("Status **done** **Complete**!\n", body);
    }

    [Fact]
    public void Bold_that_no_asterisks_could_delimit_is_written_as_plain_text()
    {
        // "x**(a)**y" would show its asterisks: CommonMark cannot open bold between a letter and punctuation.
        var body = Body(new Paragraph(new Text("x"), new Text("(a)", Strong: true), new Text("y")));

        Assert.Equal("x(a)y\n", body);
    }

    [Fact]
    public void Right_aligned_columns_get_a_colon_in_the_delimiter_row_and_short_rows_are_padded()
    {
        var body = Body(new Table(
            [new Column("Name"), new Column("Count", Align: ColumnAlign.Right)],
            [[Cell.Of("a")], [Cell.Of("b"), Cell.Of("2"), Cell.Of("extra")]]));

        Assert.Equal("| Name | Count |\n| --- | ---: |\n| a | |\n| b | 2 |\n", body);
    }
}
