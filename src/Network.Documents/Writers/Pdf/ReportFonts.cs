using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Network.Documents.Writers.Pdf;

/// <summary>
/// Makes PDFsharp find the report fonts. Its font resolver is process-wide and may be set only before the first
/// font is used, so it is set once, under a lock, and only where the host has not set its own: then the report
/// fonts become the fallback resolver, asked for what the host's cannot find.
/// </summary>
internal static class ReportFonts
{
    private static readonly Lock Gate = new();
    private static ReportFontResolver? _resolver;

    /// <summary>Installs the resolver if needed, and fails with its message when the machine has no usable font.</summary>
    public static void EnsureAvailable()
    {
        ReportFontResolver resolver;
        lock (Gate)
        {
            if (_resolver is null)
            {
                switch (GlobalFontSettings.FontResolver)
                {
                    case ReportFontResolver installed:
                        _resolver = installed;
                        break;
                    case null:
                        _resolver = new ReportFontResolver();
                        GlobalFontSettings.FontResolver = _resolver;
                        break;
                    default:
                        _resolver = GlobalFontSettings.FallbackFontResolver as ReportFontResolver ?? new ReportFontResolver();
                        if (GlobalFontSettings.FallbackFontResolver is null)
                        {
                            GlobalFontSettings.FallbackFontResolver = _resolver;
                        }
                        break;
                }
            }
            resolver = _resolver;
        }
        _ = resolver.Fonts;
    }
}

/// <summary>The fonts of one PDF report: every one embedded with Unicode encoding, so any text a partner typed is kept.</summary>
internal sealed class PdfFonts
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly XFont[] _headings = [Font(14, XFontStyleEx.Bold), Font(12, XFontStyleEx.Bold), Font(10.5, XFontStyleEx.Bold)];

    public XFont Title { get; } = Font(18, XFontStyleEx.Bold);

    public XFont Subtitle { get; } = Font(11.5, XFontStyleEx.Italic);

    public XFont Body { get; } = Font(10, XFontStyleEx.Regular);

    public XFont BodyBold { get; } = Font(10, XFontStyleEx.Bold);

    public XFont BodyLink { get; } = Font(10, XFontStyleEx.Underline);

    public XFont Table { get; } = Font(9, XFontStyleEx.Regular);

    public XFont TableBold { get; } = Font(9, XFontStyleEx.Bold);

    public XFont TableLink { get; } = Font(9, XFontStyleEx.Underline);

    public XFont Footer { get; } = Font(8, XFontStyleEx.Regular);

    /// <summary>Heading levels 1 to 3.</summary>
    public XFont Heading(int level) => _headings[Math.Clamp(level, 1, 3) - 1];

    private static XFont Font(double size, XFontStyleEx style) => new(ReportFontResolver.FamilyName, size, style, Unicode);
}
