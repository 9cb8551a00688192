using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Network.Documents.Layout;
using Network.Documents.Writers.Html;

namespace Network.Documents.Tests.Writers;

public sealed partial class HtmlReportWriterTests
{
    private static string Write(ReportDocument document)
    {
        using var output = new MemoryStream();
        new HtmlReportWriter().Write(document, output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void Names_its_format()
    {
        var writer = new HtmlReportWriter();

        Assert.Equal(("html", "text/html", "html"), (writer.Format, writer.MediaType, writer.Extension));
    }

    [Fact]
    public void Is_a_complete_page_in_the_report_language()
    {
        var html = Write(SampleReports.Sample());

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>GFMD 2016 — progress report</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>GFMD 2016 — progress report</h1>\n<p class=\"subtitle\">Session C, as of 1 March 2017</p>", html, StringComparison.Ordinal);
        Assert.EndsWith("</main>\n</body>\n</html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_partner_text_as_text_and_never_as_markup()
    {
        var html = Write(SampleReports.Sample());

        Assert.Contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>*bold*</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>[x](javascript:alert(1))</li>", html, StringComparison.Ordinal);
        Assert.Contains("<td>| pipe</td>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Engagement réalisé à 50 % — «Niño»</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:alert(1)\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Encodes_quotes_and_ampersands_in_text_and_in_addresses()
    {
        var html = Write(SampleReports.With(
            new Heading(1, "\"><img src=x onerror=alert(1)>"),
            new Paragraph(new Link("a & b", new Uri("https://example.org/?q=\"x\"&y=1")))));

        Assert.Contains("<h2>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/?q=%22x%22&amp;y=1\">a &amp; b</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_nothing_from_anywhere_and_links_only_to_the_documents_links()
    {
        var html = Write(SampleReports.Sample());

        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        var addresses = AddressPattern().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(["https://example.org/evidence?id=7&amp;lang=fr"], addresses);
        Assert.Single(AnchorPattern().Matches(html));
    }

    [Fact]
    public void Never_makes_an_anchor_of_an_address_that_is_not_http_or_https()
    {
        var html = Write(SampleReports.With(new Paragraph(
            Links.LinkOrText("click", "javascript:alert(1)"),
            new Link("forged", new Uri("javascript:alert(2)")),
            new Link("file", new Uri("file:///etc/passwd")))));

        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.Contains("<p>clickforgedfile</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Prints_well_page_breaks_repeated_table_headers_and_rows_kept_whole()
    {
        var html = Write(SampleReports.Sample());

        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("@page", html, StringComparison.Ordinal);
        Assert.Contains("hr.page-break { break-before: page; page-break-before: always;", html, StringComparison.Ordinal);
        Assert.Contains("<hr class=\"page-break\">\n<h2>Period 2</h2>", html, StringComparison.Ordinal);
        Assert.Single(PageBreakPattern().Matches(html));
        Assert.Contains("<thead>\n<tr><th scope=\"col\">Commitment</th><th scope=\"col\">Owner</th><th scope=\"col\" class=\"num\">Due</th></tr>\n</thead>", html, StringComparison.Ordinal);
        Assert.Contains("thead { display: table-header-group; }", html, StringComparison.Ordinal);
        Assert.Contains("tr { break-inside: avoid; page-break-inside: avoid; }", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"table-wrap\">", html, StringComparison.Ordinal);
        Assert.Contains(".table-wrap { overflow-x: auto;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_blocks_as_their_elements()
    {
        var html = Write(SampleReports.Sample());

        Assert.Contains("<h2>Period 1</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Partner notes</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<dl class=\"fields\">\n<div><dt>Who</dt><dd>Migrant Forum in Asia</dd></div>", html, StringComparison.Ordinal);
        Assert.Contains("<dd><span class=\"status status-stalled\">Bloqué</span></dd>", html, StringComparison.Ordinal);
        Assert.Contains("<col style=\"width: 50%\"><col style=\"width: 33.33%\"><col style=\"width: 16.67%\">", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">2017-06-30</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_break_in_partner_text_is_a_br_and_a_status_code_cannot_break_out_of_its_class()
    {
        var html = Write(SampleReports.With(new Paragraph(
            new Text("one\r\n\r\ntwo\n"),
            new StatusTag("x\" onclick=\"alert(1)", "Odd"))));

        Assert.Contains("<p>one<br>\ntwo<br>\n<span class=\"status status-xonclickalert1\">Odd</span></p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_same_bytes_every_time()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        new HtmlReportWriter().Write(SampleReports.Sample(), first);
        new HtmlReportWriter().Write(SampleReports.Sample(), second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Every_status_colour_has_a_contrast_of_at_least_4_5_to_1_and_is_in_the_style_sheet()
    {
        var html = Write(SampleReports.Sample());

        foreach (var colour in StatusColours.All.Append(StatusColours.Neutral))
        {
            Assert.True(Contrast(colour.Text, colour.Background) >= 4.5, $"{colour.Status}: {Contrast(colour.Text, colour.Background):0.00}");
            Assert.True(Contrast(colour.Text, "#ffffff") >= 4.5, $"{colour.Status} on white paper");
        }
        foreach (var status in new[] { "not-started", "limited", "substantial", "complete", "stalled", "blocked", "withdrawn" })
        {
            Assert.Contains($".status-{status} {{ color: #", html, StringComparison.Ordinal);
        }
    }

    private static double Contrast(string foreground, string background)
    {
        var (a, b) = (Luminance(foreground), Luminance(background));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance(string colour)
    {
        double Channel(int offset)
        {
            var c = int.Parse(colour.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }

    [GeneratedRegex("https?://[^\"\\s<)]+")]
    private static partial Regex AddressPattern();

    [GeneratedRegex("<a ")]
    private static partial Regex AnchorPattern();

    [GeneratedRegex("class=\"page-break\"")]
    private static partial Regex PageBreakPattern();
}
