using Network.Documents.Layout;
using PdfSharp.Drawing;

namespace Network.Documents.Writers.Pdf;

/// <summary>Lays out and draws each block of a report, top to bottom, from the cursor on.</summary>
internal sealed class PdfBlocks(PageCursor cursor, LineBreaker breaker, PdfFonts fonts)
{
    private readonly TextStyles _body = new(fonts.Body, fonts.BodyBold, fonts.BodyLink);
    private readonly TextStyles _table = new(fonts.Table, fonts.TableBold, fonts.TableLink);

    public void Title(string title, string? subtitle)
    {
        LinePainter.Flow(cursor, breaker.Break([new TextRun(PlainText.SingleLine(title), new TextStyle(fonts.Title, PdfTheme.Text))], PageCursor.Width), PageCursor.Left);
        if (!string.IsNullOrWhiteSpace(subtitle))
        {
            cursor.Y += 2;
            LinePainter.Flow(cursor, breaker.Break([new TextRun(subtitle, new TextStyle(fonts.Subtitle, PdfTheme.Muted))], PageCursor.Width), PageCursor.Left);
        }
        cursor.Y += 6;
        cursor.Graphics.DrawLine(PdfTheme.HeaderRule, PageCursor.Left, cursor.Y, PageCursor.Left + PageCursor.Width, cursor.Y);
        cursor.Y += 10;
    }

    public void Draw(Block block)
    {
        switch (block)
        {
            case Heading heading:
                Heading(heading);
                break;
            case Paragraph paragraph:
                var lines = breaker.Break(_body.Runs(paragraph.Content), PageCursor.Width);
                if (lines.Count > 0)
                {
                    LinePainter.Flow(cursor, lines, PageCursor.Left);
                    cursor.Space(PdfTheme.ParagraphGap);
                }
                break;
            case FieldList fields when fields.Fields.Count > 0:
                FieldList(fields);
                break;
            case BulletList list when list.Items.Count > 0:
                BulletList(list);
                break;
            case Table table when table.Columns.Count > 0:
                Table(table);
                break;
            case PageBreak when !cursor.AtTop:
                cursor.NewPage();
                break;
            default:
                break;
        }
    }

    private void Heading(Heading heading)
    {
        var level = Math.Clamp(heading.Level, 1, 3);
        var lines = breaker.Break([new TextRun(PlainText.SingleLine(heading.Text), new TextStyle(fonts.Heading(level), PdfTheme.Text))], PageCursor.Width);
        if (lines.Count == 0)
        {
            return;
        }
        cursor.Space(PdfTheme.HeadingSpaceBefore(level));
        cursor.Need(TextLine.TotalHeight(lines) + PdfTheme.KeepWithHeading);
        LinePainter.Flow(cursor, lines, PageCursor.Left);
        cursor.Y += 4;
    }

    // Labels in a column as wide as the widest label (at most a third of the page), values wrapped beside them.
    private void FieldList(FieldList fields)
    {
        var labels = fields.Fields.Select(f => new TextRun(PlainText.SingleLine(f.Label), new TextStyle(fonts.BodyBold, PdfTheme.Muted))).ToList();
        var labelWidth = Math.Min(labels.Max(l => breaker.Width(l.Text, l.Style.Font)), PageCursor.Width / 3);
        var valueX = labelWidth + PdfTheme.FieldLabelGap;
        var columns = new[] { new GridColumn(0, valueX), new GridColumn(valueX, PageCursor.Width - valueX) };
        var rows = fields.Fields.Select((field, i) => new GridRow(
        [
            breaker.Break([labels[i]], labelWidth),
            breaker.Break(_body.Runs(field.Value), PageCursor.Width - valueX),
        ])).ToList();
        new Grid(columns, paddingX: 0, paddingY: 1.5, fonts.Body.GetHeight()).Draw(cursor, rows);
        cursor.Space(PdfTheme.ParagraphGap);
    }

    private void BulletList(BulletList list)
    {
        foreach (var item in list.Items)
        {
            var lines = breaker.Break(_body.Runs(item), PageCursor.Width - PdfTheme.BulletIndent);
            if (lines.Count == 0)
            {
                continue;
            }
            cursor.Need(lines[0].Height);
            cursor.Graphics.DrawString("•", fonts.Body, PdfTheme.Text, PageCursor.Left + 3, cursor.Y, XStringFormats.TopLeft);
            LinePainter.Flow(cursor, lines, PageCursor.Left + PdfTheme.BulletIndent);
            cursor.Space(PdfTheme.ListItemGap);
        }
        cursor.Space(PdfTheme.ParagraphGap - PdfTheme.ListItemGap);
    }

    private void Table(Table table)
    {
        var shares = TableShape.Shares(table);
        var columns = new GridColumn[shares.Length];
        var x = 0.0;
        for (var i = 0; i < shares.Length; i++)
        {
            columns[i] = new GridColumn(x, PageCursor.Width * shares[i], table.Columns[i].Align == ColumnAlign.Right);
            x += columns[i].Width;
        }
        double TextWidth(int column) => Math.Max(columns[column].Width - (2 * PdfTheme.CellPaddingX), 1);
        var header = new GridRow(table.Columns.Select((column, i) =>
            breaker.Break([new TextRun(PlainText.SingleLine(column.Title), new TextStyle(fonts.TableBold, PdfTheme.Text))], TextWidth(i))).ToList());
        var rows = table.Rows.Select(row => new GridRow(TableShape.Cells(table, row)
            .Select((cell, i) => breaker.Break(_table.Runs(cell.Content), TextWidth(i))).ToList())).ToList();
        cursor.Space(4);
        new Grid(columns, PdfTheme.CellPaddingX, PdfTheme.CellPaddingY, fonts.Table.GetHeight()) { Header = header, Rules = true }
            .Draw(cursor, rows);
        cursor.Space(PdfTheme.ParagraphGap + 4);
    }
}

/// <summary>The styles of inline content at one size: text, bold text (and status tags), links.</summary>
internal sealed class TextStyles(XFont regular, XFont bold, XFont link)
{
    private readonly TextStyle _regular = new(regular, PdfTheme.Text);
    private readonly TextStyle _bold = new(bold, PdfTheme.Text);

    public IEnumerable<TextRun> Runs(IReadOnlyList<Inline> content)
    {
        foreach (var inline in content)
        {
            switch (inline)
            {
                case Text text:
                    yield return new TextRun(text.Value, text.Strong ? _bold : _regular);
                    break;
                case Link l when WebAddress.IsWeb(l.Href):
                    var label = PlainText.SingleLine(l.Label);
                    yield return new TextRun(label.Length > 0 ? l.Label : l.Href.AbsoluteUri, new TextStyle(link, PdfTheme.Link, l.Href));
                    break;
                case Link l:
                    yield return new TextRun(l.Label, _regular);
                    break;
                case StatusTag tag:
                    yield return new TextRun(tag.Label, _bold);
                    break;
                default:
                    break;
            }
        }
    }
}
