using System.Globalization;
using System.Text;

namespace Network.Documents.Spreadsheets;

/// <summary>
/// A small RFC 4180 reader: fields separated by a comma or a semicolon (what spreadsheets write where the comma is
/// the decimal sign), records by CRLF, LF or CR; a field in double quotes may hold separators, line breaks and
/// doubled quotes (""). Lenient where spreadsheets are (a quote inside an unquoted field is kept as written); only a
/// quoted field never closed is refused, since it would swallow the rest of the file.
/// </summary>
public static class CsvRecords
{
    /// <summary>
    /// The separator of the header line (the first line with text): a semicolon when it has more semicolons than
    /// commas outside quotes, otherwise a comma.
    /// </summary>
    public static char DetectSeparator(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int commas = 0, semicolons = 0;
        var quoted = false;
        var sawText = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == '\n' || c == '\r'))
            {
                if (sawText)
                {
                    break;
                }
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
            sawText |= !char.IsWhiteSpace(c);
        }
        return semicolons > commas ? ';' : ',';
    }

    /// <summary>Every record, numbered from 1 as a spreadsheet numbers the rows it opens the file into (blank lines count).</summary>
    public static IEnumerable<SheetRecord> Read(string text, char separator)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = new List<string?>();
        var field = new StringBuilder();
        var row = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                i = ReadQuoted(text, i + 1, field, row);
                continue;
            }
            if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
                continue;
            }
            if (c == '\r' || c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return new SheetRecord(row++, fields.ToList());
                fields.Clear();
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                continue;
            }
            field.Append(c);
            i++;
        }
        // The last record, unless the file ended with its line break.
        if (fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new SheetRecord(row, fields.ToList());
        }
    }

    /// <summary>Reads a quoted field's content from <paramref name="start"/> (after the opening quote); returns where reading goes on.</summary>
    private static int ReadQuoted(string text, int start, StringBuilder field, int row)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                field.Append(text[i]);
            }
            else if (i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else
            {
                // Closed; anything up to the next separator is appended as written (see the class comment).
                return i + 1;
            }
        }
        throw new SpreadsheetUnreadableException(string.Create(CultureInfo.InvariantCulture, $"row {row}"),
            string.Create(CultureInfo.InvariantCulture, $"Row {row}: a field opens with a double quote that is never closed, so the rest of the file would be one cell."));
    }
}
