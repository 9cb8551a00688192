using System.Globalization;
using System.Text;
using PdfSharp.Drawing;

namespace Network.Documents.Writers.Pdf;

/// <summary>
/// Breaks runs of text into lines that fit a width, measuring every word with the font it is drawn in: lines break
/// at spaces, at the partner's own line breaks, and inside a word only when the word alone is wider than the line
/// (a long address), between characters as the reader sees them (never inside a surrogate pair or an accent).
/// </summary>
/// <remarks>
/// Runs of spaces count as one, as in HTML. A word is what lies between spaces, even when it spans runs of
/// different styles (a link followed by a comma), so that no line starts with the comma.
/// </remarks>
internal sealed class LineBreaker(XGraphics measure)
{
    private readonly Dictionary<(string, XFont), double> _widths = [];

    public double Width(string text, XFont font)
    {
        if (!_widths.TryGetValue((text, font), out var width))
        {
            width = measure.MeasureString(text, font).Width;
            if (text.Length <= 32)
            {
                _widths[(text, font)] = width;
            }
        }
        return width;
    }

    public IReadOnlyList<TextLine> Break(IEnumerable<TextRun> runs, double width)
    {
        var lines = new List<TextLine>();
        var line = new LineBuilder(this);
        TextStyle? space = null;
        var word = new List<TextRun>();

        void PlaceWord()
        {
            if (word.Count == 0)
            {
                return;
            }
            var wordWidth = word.Sum(piece => Width(piece.Text, piece.Style.Font));
            var gap = line.IsEmpty || space is null ? 0 : Width(" ", space.Font);
            if (!line.IsEmpty && line.Width + gap + wordWidth > width)
            {
                lines.Add(line.Finish());
                gap = 0;
            }
            if (wordWidth <= width - line.Width - gap)
            {
                line.Add(word, gap > 0 ? space : null);
            }
            else
            {
                PlaceLongWord(word, width, lines, ref line);
            }
            word.Clear();
            space = null;
        }

        foreach (var run in runs)
        {
            var piece = new StringBuilder();
            void EndPiece()
            {
                if (piece.Length > 0)
                {
                    word.Add(run with { Text = piece.ToString() });
                    piece.Clear();
                }
            }
            foreach (var c in PlainText.Clean(run.Text))
            {
                if (c is ' ' or '\n')
                {
                    EndPiece();
                    PlaceWord();
                    if (c == '\n')
                    {
                        if (!line.IsEmpty)
                        {
                            lines.Add(line.Finish());
                        }
                        space = null;
                    }
                    else
                    {
                        space = line.IsEmpty ? null : space ?? run.Style;
                    }
                    continue;
                }
                piece.Append(c);
            }
            EndPiece();
        }
        PlaceWord();
        if (!line.IsEmpty)
        {
            lines.Add(line.Finish());
        }
        return lines;
    }

    // A word wider than the whole line: as many characters on each line as fit, at least one.
    private void PlaceLongWord(List<TextRun> word, double width, List<TextLine> lines, ref LineBuilder line)
    {
        foreach (var piece in word)
        {
            var elements = StringInfo.GetTextElementEnumerator(piece.Text);
            var chunk = new StringBuilder();
            var chunkWidth = 0.0;
            while (elements.MoveNext())
            {
                var element = elements.GetTextElement();
                var elementWidth = Width(element, piece.Style.Font);
                if (line.Width + chunkWidth + elementWidth > width && (chunk.Length > 0 || !line.IsEmpty))
                {
                    if (chunk.Length > 0)
                    {
                        line.Add([piece with { Text = chunk.ToString() }], null);
                    }
                    lines.Add(line.Finish());
                    chunk.Clear();
                    chunkWidth = 0;
                }
                chunk.Append(element);
                chunkWidth += elementWidth;
            }
            if (chunk.Length > 0)
            {
                line.Add([piece with { Text = chunk.ToString() }], null);
            }
        }
    }

    /// <summary>The line being filled: fragments of the same style next to each other are drawn as one.</summary>
    private sealed class LineBuilder(LineBreaker breaker)
    {
        private readonly List<Fragment> _fragments = [];

        public double Width { get; private set; }

        public bool IsEmpty => _fragments.Count == 0;

        /// <param name="space">The style of the space before the word, or null for none.</param>
        public void Add(List<TextRun> word, TextStyle? space)
        {
            for (var i = 0; i < word.Count; i++)
            {
                var text = word[i].Text;
                var style = word[i].Style;
                var pieceWidth = breaker.Width(text, style.Font);
                var last = _fragments.Count > 0 ? _fragments[^1] : null;
                if (i == 0 && space is not null && last is not null)
                {
                    // The space is drawn, so that a reader copying the text gets it; it goes with the fragment that
                    // is not a link, so that no link's underline runs on under it.
                    if (last.Style == style)
                    {
                        text = " " + text;
                        pieceWidth += breaker.Width(" ", style.Font);
                    }
                    else if (last.Style.Link is null || style.Link is not null)
                    {
                        var spaceWidth = breaker.Width(" ", last.Style.Font);
                        _fragments[^1] = last with { Text = last.Text + " ", Width = last.Width + spaceWidth };
                        Width += spaceWidth;
                    }
                    else
                    {
                        text = " " + text;
                        pieceWidth += breaker.Width(" ", style.Font);
                    }
                }
                last = _fragments.Count > 0 ? _fragments[^1] : null;
                if (last is not null && last.Style == style)
                {
                    _fragments[^1] = last with { Text = last.Text + text, Width = last.Width + pieceWidth };
                }
                else
                {
                    _fragments.Add(new Fragment(Width, text, style, pieceWidth));
                }
                Width += pieceWidth;
            }
        }

        public TextLine Finish()
        {
            var line = new TextLine(_fragments.ToList(), Width, _fragments.Max(f => f.Style.Font.GetHeight()));
            _fragments.Clear();
            Width = 0;
            return line;
        }
    }
}
