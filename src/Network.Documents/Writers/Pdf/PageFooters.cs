using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Network.Documents.Writers.Pdf;

/// <summary>
/// The footer of every page: the report's title on the left, "page / pages" on the right. Drawn once all pages are
/// laid out, because only then is the number of pages known.
/// </summary>
internal static class PageFooters
{
    private const string Ellipsis = "…";

    public static void Draw(IReadOnlyList<PdfPage> pages, string title, PdfFonts fonts)
    {
        var font = fonts.Footer;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var left = PdfTheme.MarginLeft;
            var right = page.Width.Point - PdfTheme.MarginRight;
            var top = page.Height.Point - PdfTheme.FooterFromBottom;
            graphics.DrawLine(PdfTheme.Rule, left, top - 6, right, top - 6);

            var number = string.Create(CultureInfo.InvariantCulture, $"{i + 1} / {pages.Count}");
            var numberWidth = graphics.MeasureString(number, font).Width;
            var room = right - left - numberWidth - 18;
            graphics.DrawString(Fit(graphics, PlainText.SingleLine(title), font, room), font, PdfTheme.Muted, left, top, XStringFormats.TopLeft);
            graphics.DrawString(number, font, PdfTheme.Muted, right - numberWidth, top, XStringFormats.TopLeft);
        }
    }

    // A title too long for the footer is cut at a word where it can be, and ends with an ellipsis.
    private static string Fit(XGraphics graphics, string text, XFont font, double width)
    {
        if (graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }
        var end = text.Length;
        while (end > 0)
        {
            var space = text.LastIndexOf(' ', end - 1);
            end = space > 0 ? space : end - 1;
            if (end > 0 && char.IsHighSurrogate(text[end - 1]))
            {
                end--;
            }
            var candidate = text[..end].TrimEnd() + Ellipsis;
            if (graphics.MeasureString(candidate, font).Width <= width)
            {
                return candidate;
            }
        }
        return Ellipsis;
    }
}
