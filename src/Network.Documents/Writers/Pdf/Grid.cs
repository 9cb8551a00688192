namespace Network.Documents.Writers.Pdf;

/// <summary>A column of a grid: where it starts (from the left margin), how wide it is, and how its lines align.</summary>
internal sealed record GridColumn(double X, double Width, bool AlignRight = false);

/// <summary>A row of a grid: each cell's lines, already broken to the cell's width.</summary>
internal sealed record GridRow(IReadOnlyList<IReadOnlyList<TextLine>> Cells);

/// <summary>
/// Rows of cells side by side, for tables and field lists. A row is kept whole on one page; only a row taller than
/// a page is split, line by line. A table's header row is drawn again at the top of every page it continues on.
/// </summary>
internal sealed class Grid(IReadOnlyList<GridColumn> columns, double paddingX, double paddingY, double minimumLineHeight)
{
    /// <summary>The header row, drawn on a shaded band at the top of the grid and of each page it continues on.</summary>
    public GridRow? Header { get; init; }

    /// <summary>Draws a thin rule under every row.</summary>
    public bool Rules { get; init; }

    private double TotalWidth => columns.Count == 0 ? 0 : columns[^1].X + columns[^1].Width;

    private double HeaderHeight => Header is null ? 0 : Height(Header);

    public void Draw(PageCursor cursor, IReadOnlyList<GridRow> rows)
    {
        // The header is never left alone at the bottom of a page: the first row (or a start of it) goes with it.
        var first = rows.Count == 0 ? 0 : Height(rows[0]);
        cursor.Need(HeaderHeight + (first <= PageCursor.PageHeight - HeaderHeight ? first : SplitMinimum));
        DrawHeader(cursor);
        foreach (var row in rows)
        {
            var height = Height(row);
            var fitsOnAPage = height <= PageCursor.PageHeight - HeaderHeight;
            if (height > cursor.Remaining && (fitsOnAPage || cursor.Remaining < SplitMinimum))
            {
                NextPage(cursor);
            }
            if (height <= cursor.Remaining)
            {
                DrawRow(cursor, row.Cells, height, rule: Rules);
            }
            else
            {
                DrawSplit(cursor, row);
            }
        }
    }

    // The least of a row worth starting at the bottom of a page when the row is split anyway: three lines.
    private double SplitMinimum => (3 * minimumLineHeight) + (2 * paddingY);

    private double Height(GridRow row) =>
        Math.Max(row.Cells.Max(TextLine.TotalHeight), minimumLineHeight) + (2 * paddingY);

    private void NextPage(PageCursor cursor)
    {
        cursor.NewPage();
        DrawHeader(cursor);
    }

    private void DrawHeader(PageCursor cursor)
    {
        if (Header is null)
        {
            return;
        }
        var height = HeaderHeight;
        cursor.Graphics.DrawRectangle(PdfTheme.HeaderBackground, PageCursor.Left, cursor.Y, TotalWidth, height);
        DrawRow(cursor, Header.Cells, height, rule: false);
        cursor.Graphics.DrawLine(PdfTheme.HeaderRule, PageCursor.Left, cursor.Y, PageCursor.Left + TotalWidth, cursor.Y);
    }

    private void DrawRow(PageCursor cursor, IReadOnlyList<IReadOnlyList<TextLine>> cells, double height, bool rule)
    {
        for (var i = 0; i < cells.Count && i < columns.Count; i++)
        {
            var column = columns[i];
            var top = cursor.Y + paddingY;
            foreach (var line in cells[i])
            {
                var x = PageCursor.Left + column.X + paddingX;
                if (column.AlignRight)
                {
                    x += column.Width - (2 * paddingX) - line.Width;
                }
                LinePainter.Draw(cursor, line, x, top);
                top += line.Height;
            }
        }
        cursor.Y += height;
        if (rule)
        {
            cursor.Graphics.DrawLine(PdfTheme.Rule, PageCursor.Left, cursor.Y, PageCursor.Left + TotalWidth, cursor.Y);
        }
    }

    // A row taller than a page: each page takes the lines of every cell that fit on it, the rest continue on the next.
    private void DrawSplit(PageCursor cursor, GridRow row)
    {
        var next = new int[row.Cells.Count];
        while (true)
        {
            var room = cursor.Remaining - (2 * paddingY);
            var slice = new List<IReadOnlyList<TextLine>>();
            var done = true;
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var lines = row.Cells[i];
                var taken = new List<TextLine>();
                var used = 0.0;
                while (next[i] < lines.Count && (used + lines[next[i]].Height <= room || (taken.Count == 0 && used == 0 && FreshPage(cursor))))
                {
                    used += lines[next[i]].Height;
                    taken.Add(lines[next[i]]);
                    next[i]++;
                }
                slice.Add(taken);
                done &= next[i] == lines.Count;
            }
            if (slice.Any(lines => lines.Count > 0))
            {
                DrawRow(cursor, slice, slice.Max(TextLine.TotalHeight) + (2 * paddingY), rule: done && Rules);
            }
            if (done)
            {
                return;
            }
            NextPage(cursor);
        }
    }

    // Nothing but the header on this page: a line that does not fit here fits nowhere, so it is drawn anyway.
    private bool FreshPage(PageCursor cursor) => cursor.Y <= PageCursor.Top + HeaderHeight;
}
