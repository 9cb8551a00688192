using System.Text;

namespace Network.Documents.Writers.Html;

/// <summary>
/// The page's only style sheet, written into the page itself: a report is saved, mailed and printed as one file, so
/// it may load nothing from anywhere (no web fonts, no images), and the page's Content-Security-Policy forbids it.
/// </summary>
internal static class HtmlStyleSheet
{
    // Screen first, readable from 360 px wide: wide tables scroll inside their wrapper rather than the page.
    private const string Screen = """
        :root { color-scheme: light; }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: #ffffff; color: #1b1f24; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 1rem; line-height: 1.5; overflow-wrap: break-word; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 0.25rem; }
        .subtitle { margin: 0 0 1.5rem; color: #4a5360; font-style: italic; }
        h2 { font-size: 1.375rem; line-height: 1.3; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid #d0d5dc; }
        h3 { font-size: 1.125rem; line-height: 1.3; margin: 1.5rem 0 0.5rem; }
        h4 { font-size: 1rem; line-height: 1.3; margin: 1.25rem 0 0.5rem; }
        p, ul, dl { margin: 0 0 1rem; }
        ul { padding-left: 1.5rem; }
        a { color: #0b57b0; overflow-wrap: anywhere; }
        dl.fields > div { display: grid; grid-template-columns: minmax(0, 1fr); margin: 0 0 0.25rem; }
        dt { font-weight: 600; color: #333a44; }
        dd { margin: 0; }
        @media (min-width: 40rem) { dl.fields > div { grid-template-columns: 12rem minmax(0, 1fr); column-gap: 1rem; } }
        .table-wrap { overflow-x: auto; margin: 0 0 1rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9375rem; }
        th, td { min-width: 5rem; padding: 0.375rem 0.5rem; text-align: left; vertical-align: top; border-bottom: 1px solid #d0d5dc; }
        thead { display: table-header-group; }
        thead th { background: #eef1f4; border-bottom: 2px solid #9aa4b0; }
        th.num, td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        .status { display: inline-block; padding: 0 0.4em; border: 1px solid currentColor; border-radius: 0.25em; font-size: 0.875em; font-weight: 600; white-space: nowrap; }
        hr.page-break { break-before: page; page-break-before: always; height: 0; margin: 2rem 0; border: 0; border-top: 1px dashed #9aa4b0; }
        """;

    // Paper: A4 margins, the header row of a table repeated on each page (thead above), no row cut in two, a link's
    // address printed after it since paper cannot be clicked, and the tags' colours kept.
    private const string Print = """
        @page { size: A4; margin: 18mm 16mm 20mm; }
        @media print {
          body { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          .table-wrap { overflow: visible; }
          a { color: inherit; }
          a[href]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
          h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
          hr.page-break { margin: 0; border: 0; }
          .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;

    public static string Text { get; } = Build();

    private static string Build()
    {
        var css = new StringBuilder(Screen).Append('\n');
        css.Append(Rule(".status", StatusColours.Neutral));
        foreach (var colour in StatusColours.All)
        {
            css.Append(Rule(".status-" + colour.Status, colour));
        }
        return css.Append(Print).ToString();
    }

    private static string Rule(string selector, StatusColour colour) =>
        selector + " { color: " + colour.Text + "; background: " + colour.Background + "; }\n";
}
