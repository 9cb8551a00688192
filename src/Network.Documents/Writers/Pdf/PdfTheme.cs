using PdfSharp.Drawing;

namespace Network.Documents.Writers.Pdf;

/// <summary>The look of a PDF report: margins, colours and spacing, in points (72 to the inch).</summary>
internal static class PdfTheme
{
    // About 20 mm each side; the bottom margin leaves room for the footer.
    public const double MarginLeft = 56.7;
    public const double MarginRight = 56.7;
    public const double MarginTop = 56.7;
    public const double MarginBottom = 68;

    /// <summary>The top of the footer's text, measured up from the bottom of the page.</summary>
    public const double FooterFromBottom = 44;

    public const double ParagraphGap = 6;
    public const double ListItemGap = 2;
    public const double BulletIndent = 14;
    public const double CellPaddingX = 4;
    public const double CellPaddingY = 3;
    public const double FieldLabelGap = 10;

    /// <summary>Room a heading keeps below it on its page, so that it never ends a page alone.</summary>
    public const double KeepWithHeading = 36;

    public static double HeadingSpaceBefore(int level) => level <= 1 ? 14 : level == 2 ? 10 : 8;

    public static XBrush Text { get; } = new XSolidBrush(XColor.FromArgb(0x1b, 0x1f, 0x24));

    public static XBrush Muted { get; } = new XSolidBrush(XColor.FromArgb(0x4a, 0x53, 0x60));

    public static XBrush Link { get; } = new XSolidBrush(XColor.FromArgb(0x0b, 0x57, 0xb0));

    public static XBrush HeaderBackground { get; } = new XSolidBrush(XColor.FromArgb(0xee, 0xf1, 0xf4));

    public static XPen Rule { get; } = new(XColor.FromArgb(0xd0, 0xd5, 0xdc), 0.5);

    public static XPen HeaderRule { get; } = new(XColor.FromArgb(0x9a, 0xa4, 0xb0), 1);
}
