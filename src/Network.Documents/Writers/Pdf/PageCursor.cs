using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Network.Documents.Writers.Pdf;

/// <summary>
/// Where the next thing is drawn: the page, and how far down it the content has come. Blocks ask it for room
/// before they draw, and it starts a new A4 page when there is none left.
/// </summary>
internal sealed class PageCursor : IDisposable
{
    private readonly PdfDocument _document;
    private readonly List<PdfPage> _pages = [];

    public PageCursor(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    /// <summary>A4 in points.</summary>
    public const double A4Width = 595.276;

    public const double A4Height = 841.89;

    public IReadOnlyList<PdfPage> Pages => _pages;

    public PdfPage Page => _pages[^1];

    public XGraphics Graphics { get; private set; } = null!;

    /// <summary>The top of the next thing to draw, in points from the top of the page.</summary>
    public double Y { get; set; }

    public static double Left => PdfTheme.MarginLeft;

    public static double Width => A4Width - PdfTheme.MarginLeft - PdfTheme.MarginRight;

    public static double Top => PdfTheme.MarginTop;

    public static double Bottom => A4Height - PdfTheme.MarginBottom;

    /// <summary>The height a page has for content, top margin to bottom margin.</summary>
    public static double PageHeight => Bottom - Top;

    public double Remaining => Bottom - Y;

    /// <summary>Nothing has been drawn on this page yet.</summary>
    public bool AtTop => Y <= Top;

    public void NewPage()
    {
        Graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Portrait;
        _pages.Add(page);
        Graphics = XGraphics.FromPdfPage(page);
        Y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below, or the page is still empty anyway.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom && !AtTop)
        {
            NewPage();
        }
    }

    /// <summary>Vertical space between blocks; none at the top of a page, where it would only push content down.</summary>
    public void Space(double height)
    {
        if (!AtTop)
        {
            Y = Math.Min(Y + height, Bottom);
        }
    }

    public void Dispose() => Graphics?.Dispose();
}
