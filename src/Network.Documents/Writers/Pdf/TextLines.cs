using PdfSharp.Drawing;

namespace Network.Documents.Writers.Pdf;

/// <summary>How a run of text is drawn; <paramref name="Link"/> makes it a clickable web link.</summary>
internal sealed record TextStyle(XFont Font, XBrush Brush, Uri? Link = null);

/// <summary>A run of text in one style, as a block's inline content becomes before it is broken into lines.</summary>
internal sealed record TextRun(string Text, TextStyle Style);

/// <summary>Text in one style on a line, <paramref name="X"/> points from the line's start.</summary>
internal sealed record Fragment(double X, string Text, TextStyle Style, double Width);

/// <summary>One line of laid-out text: its fragments, how wide they reach and how tall the line is.</summary>
internal sealed record TextLine(IReadOnlyList<Fragment> Fragments, double Width, double Height)
{
    public static double TotalHeight(IReadOnlyList<TextLine> lines) => lines.Sum(l => l.Height);
}
