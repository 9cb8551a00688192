using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Network.Documents.Layout;
using Network.Documents.Writers.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Network.Documents.Tests.Writers;

public sealed partial class PdfReportWriterTests
{
    private const double PageWidth = 595.28;
    private const double Margin = 56.7;

    private static byte[] Write(ReportDocument document)
    {
        using var output = new MemoryStream();
        new PdfReportWriter().Write(document, output);
        return output.ToArray();
    }

    private static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => p.Text).ToList();
    }

    private static string Squeeze(string text) => Whitespace().Replace(text, "");

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>Each text in turn, each one found after the previous one: the reading order of the document.</summary>
    private static void AssertInOrder(string actual, IEnumerable<string> expected)
    {
        var squeezed = Squeeze(actual);
        var from = 0;
        foreach (var text in expected)
        {
            var at = squeezed.IndexOf(Squeeze(text), from, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{text}' not found after position {from} in: {squeezed[from..]}");
            from = at + Squeeze(text).Length;
        }
    }

    [Fact]
    public void Names_its_format()
    {
        var writer = new PdfReportWriter();

        Assert.Equal(("pdf", "application/pdf", "pdf"), (writer.Format, writer.MediaType, writer.Extension));
    }

    [Fact]
    public void Writes_every_text_of_the_document_in_reading_order()
    {
        var pages = PageTexts(Write(SampleReports.Sample()));

        AssertInOrder(string.Concat(pages),
        [
            "GFMD 2016 — progress report", "Session C, as of 1 March 2017",
            "Period 1", SampleReports.French,
            "Who", "Migrant Forum in Asia", "Status", "Bloqué", "Evidence", "Annual report",
            "Partner notes", SampleReports.Script, "*bold*", "[x](javascript:alert(1))", "| pipe",
            "Commitment", "Owner", "Due",
            "Train 30 officials", "IOM", "2017-06-30",
            "Publish a guide", "Réalisé", "| pipe", "2016-12-31",
            "Period 2", "Nothing yet.",
        ]);
    }

    [Fact]
    public void Keeps_accents_and_other_scripts_intact()
    {
        var pdf = Write(SampleReports.With(
            new Paragraph(new Text(SampleReports.French)),
            new Paragraph(new Text("Ça avance: año, garçon, «guillemets», Ελληνικά, Русский, Ğ ő ł"))));

        var text = Collapse(string.Join(" ", PageTexts(pdf)));

        Assert.Contains(SampleReports.French, text, StringComparison.Ordinal);
        Assert.Contains("Ça avance: año, garçon, «guillemets», Ελληνικά, Русский, Ğ ő ł", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Starts_a_new_page_at_a_page_break_but_not_twice()
    {
        var pages = PageTexts(Write(SampleReports.With(
            new Paragraph(new Text("Before")),
            new PageBreak(),
            new PageBreak(),
            new Paragraph(new Text("After")))));

        Assert.Equal(2, pages.Count);
        Assert.Contains("Before", pages[0], StringComparison.Ordinal);
        Assert.DoesNotContain("After", pages[0], StringComparison.Ordinal);
        Assert.Contains("After", pages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Puts_the_title_and_the_page_number_out_of_the_total_in_every_footer()
    {
        using var document = PdfDocument.Open(Write(SampleReports.LongTable(120)));
        var pages = document.GetPages().ToList();

        Assert.True(pages.Count > 1);
        foreach (var page in pages)
        {
            var footer = Collapse(string.Join(" ", page.GetWords().Where(w => w.BoundingBox.Bottom < Margin).Select(w => w.Text)));
            Assert.Equal($"Long report {page.Number} / {pages.Count}", footer);
        }
    }

    [Fact]
    public void Sets_the_title_of_the_document()
    {
        using var document = PdfDocument.Open(Write(SampleReports.Sample()));

        Assert.Equal("GFMD 2016 — progress report", document.Information.Title);
    }

    [Fact]
    public void Continues_a_long_table_with_its_header_row_on_every_page_and_keeps_rows_whole()
    {
        using var document = PdfDocument.Open(Write(SampleReports.LongTable(120)));
        var pages = document.GetPages().ToList();
        var rowPages = new Dictionary<int, int>();

        Assert.True(pages.Count > 2, $"{pages.Count} pages");
        foreach (var page in pages)
        {
            var words = page.GetWords().ToList();
            var body = words.Where(w => w.BoundingBox.Bottom > Margin).ToList();
            var numberTitle = Assert.Single(body, w => w.Text == "Number");
            var header = body.Where(w => Math.Abs(w.BoundingBox.Bottom - numberTitle.BoundingBox.Bottom) < 1).OrderBy(w => w.BoundingBox.Left).ToList();
            Assert.Equal(["Commitment", "Owner", "Number"], header.Select(w => w.Text));
            var rows = body.Where(w => w.Text == "Row").ToList();
            Assert.NotEmpty(rows);
            Assert.True(header.Min(w => w.BoundingBox.Bottom) > rows.Max(w => w.BoundingBox.Top), $"the header is above the rows on page {page.Number}");

            var text = Collapse(page.Text);
            foreach (Match row in RowNumber().Matches(text))
            {
                var number = int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
                rowPages[number] = page.Number;
                // The whole row is on this page: its last words and its owner.
                Assert.Contains(Squeeze($"Row {number}: the partners will hold regional consultations with migrants' associations and report on what they heard Owner {number} {number}"), Squeeze(text), StringComparison.Ordinal);
            }
        }
        Assert.Equal(Enumerable.Range(1, 120), rowPages.Keys.Order());
        Assert.Equal(rowPages.OrderBy(r => r.Key).Select(r => r.Value), rowPages.Values.Order());
    }

    [Fact]
    public void Splits_only_a_row_taller_than_a_page_and_repeats_the_header_above_its_rest()
    {
        var tall = string.Join("\n", Enumerable.Range(1, 150).Select(i => $"line {i}"));
        using var document = PdfDocument.Open(Write(SampleReports.With(
            new Table([new Column("Title"), new Column("Notes")], [[Cell.Of("short"), Cell.Of(tall)], [Cell.Of("after"), Cell.Of("end")]]))));
        var pages = document.GetPages().ToList();

        Assert.True(pages.Count >= 2);
        AssertInOrder(string.Concat(pages.Select(p => p.Text)), Enumerable.Range(1, 150).Select(i => $"line {i}").Append("after").Append("end"));
        Assert.All(pages, page => Assert.Contains("TitleNotes", Squeeze(page.Text), StringComparison.Ordinal));
    }

    [Fact]
    public void Makes_each_link_a_clickable_web_link_to_its_address()
    {
        using var document = PdfDocument.Open(Write(SampleReports.Sample()));

        var link = Assert.Single(document.GetPages().SelectMany(p => p.GetHyperlinks()));
        Assert.Equal(SampleReports.Evidence, link.Uri);
        Assert.Equal("Annualreport", Squeeze(link.Text));
    }

    [Fact]
    public void Never_links_to_an_address_that_is_not_http_or_https()
    {
        using var document = PdfDocument.Open(Write(SampleReports.With(new Paragraph(
            Links.LinkOrText("click", "javascript:alert(1)"),
            new Text(" "),
            new Link("forged", new Uri("javascript:alert(2)"))))));

        var page = Assert.Single(document.GetPages());
        Assert.Empty(page.GetHyperlinks());
        Assert.Contains("click forged", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Wraps_long_text_and_breaks_a_word_longer_than_the_line_within_the_margins()
    {
        var word = "https://example.org/" + new string('x', 400);
        var sentence = string.Join(" ", Enumerable.Repeat("wrapped words", 80));
        using var document = PdfDocument.Open(Write(SampleReports.With(
            new Paragraph(new Text(sentence)),
            new Paragraph(new Text(word)),
            new Table([new Column("A"), new Column("B", Align: ColumnAlign.Right)], [[Cell.Of(word), Cell.Of("2017-06-30")]]))));
        var page = Assert.Single(document.GetPages());

        Assert.All(page.Letters, letter =>
        {
            Assert.True(letter.BoundingBox.Left >= Margin - 0.5, $"'{letter.Value}' at {letter.BoundingBox.Left}");
            Assert.True(letter.BoundingBox.Right <= PageWidth - Margin + 0.5, $"'{letter.Value}' at {letter.BoundingBox.Right}");
        });
        AssertInOrder(page.Text, [sentence, word, word, "2017-06-30"]);
        var lines = page.Letters.Where(l => l.Value == "x").Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count();
        Assert.True(lines >= 4, $"the long word is on {lines} lines");
        var due = page.Letters.Where(l => l.Value == "0").Max(l => l.BoundingBox.Right);
        Assert.InRange(due, PageWidth - Margin - 4 - 2, PageWidth - Margin);
    }

    [Fact]
    public void Keeps_a_partners_line_breaks_as_lines()
    {
        using var document = PdfDocument.Open(Write(SampleReports.With(new Paragraph(new Text("first\r\nsecond\n\n\nthird")))));
        var page = Assert.Single(document.GetPages());

        var baselines = page.GetWords()
            .Where(w => w.Text is "first" or "second" or "third")
            .Select(w => Math.Round(w.Letters[0].StartBaseLine.Y))
            .ToList();
        Assert.Equal(3, baselines.Distinct().Count());
        Assert.Equal(baselines.OrderDescending(), baselines);
        Assert.True(baselines[0] - baselines[1] < 20 && baselines[1] - baselines[2] < 20, "no blank lines");
    }

    [Fact]
    public void Writes_the_same_text_on_the_same_pages_every_time()
    {
        Assert.Equal(PageTexts(Write(SampleReports.Sample())), PageTexts(Write(SampleReports.Sample())));
    }

    [Fact]
    public void Writes_to_a_stream_that_cannot_seek()
    {
        using var inner = new MemoryStream();
        using var output = new ForwardOnlyStream(inner);

        new PdfReportWriter().Write(SampleReports.Sample(), output);

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(inner.ToArray(), 0, 8), StringComparison.Ordinal);
    }

    [Fact]
    public void Shortens_a_title_too_long_for_the_footer_and_keeps_the_page_number()
    {
        var title = string.Join(" ", Enumerable.Repeat("A very long report title", 12));
        var document = SampleReports.With(new Paragraph(new Text("Body"))) with { Title = title };
        using var pdf = PdfDocument.Open(Write(document));
        var page = Assert.Single(pdf.GetPages());

        var footer = Collapse(string.Join(" ", page.GetWords().Where(w => w.BoundingBox.Bottom < Margin).Select(w => w.Text)));

        Assert.StartsWith("A very long report title A very", footer, StringComparison.Ordinal);
        Assert.EndsWith("… 1 / 1", footer, StringComparison.Ordinal);
        Assert.Equal(title, pdf.Information.Title);
    }

    [Fact]
    public void Writes_a_report_without_blocks_on_one_page()
    {
        var pages = PageTexts(Write(SampleReports.With()));

        Assert.Equal("ReportReport1/1", Squeeze(Assert.Single(pages)));
    }

    [Fact]
    public void Writes_reports_side_by_side_on_several_threads()
    {
        var results = new byte[6][];

        Parallel.For(0, results.Length, i => results[i] = Write(i % 2 == 0 ? SampleReports.Sample() : SampleReports.LongTable(30)));

        Assert.All(results, pdf => Assert.NotEmpty(PageTexts(pdf)));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"Row (\d+):")]
    private static partial Regex RowNumber();

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
