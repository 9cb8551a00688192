using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Network.Documents.Writers.Pdf;

/// <summary>Draws laid-out lines on the cursor's page, and makes each link's text a web link a reader can click.</summary>
internal static class LinePainter
{
    public static void Draw(PageCursor cursor, TextLine line, double x, double top)
    {
        foreach (var fragment in line.Fragments)
        {
            cursor.Graphics.DrawString(fragment.Text, fragment.Style.Font, fragment.Style.Brush, x + fragment.X, top, XStringFormats.TopLeft);
            if (fragment.Style.Link is { } link)
            {
                var area = new XRect(x + fragment.X, top, fragment.Width, line.Height);
                cursor.Page.AddWebLink(new PdfRectangle(cursor.Graphics.Transformer.WorldToDefaultPage(area)), link.AbsoluteUri);
            }
        }
    }

    /// <summary>Draws lines one below the other from the cursor down, each on a new page when it does not fit.</summary>
    public static void Flow(PageCursor cursor, IReadOnlyList<TextLine> lines, double x)
    {
        foreach (var line in lines)
        {
            cursor.Need(line.Height);
            Draw(cursor, line, x, cursor.Y);
            cursor.Y += line.Height;
        }
    }
}
