using Network.Documents.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Network.Documents.Writers.Pdf;

/// <summary>
/// Writes a report as an A4 PDF, made in-process with PDFsharp: text wrapped to the page, long tables continued on
/// the next page with their header row repeated, links a reader can click, and every page numbered "n / N" in its
/// footer. The fonts come from the machine (<see cref="ReportFontResolver"/>) and are embedded.
/// </summary>
public sealed class PdfReportWriter : IReportWriter
{
    public string Format => "pdf";

    public string MediaType => "application/pdf";

    public string Extension => "pdf";

    /// <exception cref="InvalidOperationException">The machine has no font for reports (the message says which to install).</exception>
    public void Write(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        ReportFonts.EnsureAvailable();

        using var pdf = new PdfDocument();
        pdf.Info.Title = PlainText.SingleLine(document.Title);
        if (!string.IsNullOrWhiteSpace(document.Subtitle))
        {
            pdf.Info.Subject = PlainText.SingleLine(document.Subtitle);
        }
        pdf.Info.Creator = "Network";
        if (!string.IsNullOrWhiteSpace(document.Language))
        {
            pdf.Language = document.Language;
        }

        var fonts = new PdfFonts();
        IReadOnlyList<PdfPage> pages;
        // Text is measured apart from the pages, whose graphics end as each page is left.
        using (var measure = XGraphics.CreateMeasureContext(new XSize(PageCursor.A4Width, PageCursor.A4Height), XGraphicsUnit.Point, XPageDirection.Downwards))
        using (var cursor = new PageCursor(pdf))
        {
            var blocks = new PdfBlocks(cursor, new LineBreaker(measure), fonts);
            blocks.Title(document.Title, document.Subtitle);
            foreach (var block in document.Blocks)
            {
                blocks.Draw(block);
            }
            pages = cursor.Pages;
        }
        PageFooters.Draw(pages, document.Title, fonts);

        // PDFsharp seeks back while saving; the output (an HTTP response, say) may not be able to.
        using var buffer = new MemoryStream();
        pdf.Save(buffer, closeStream: false);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }
}
