using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Network.Domain.Commitments.ProgressImport;

namespace Network.Documents.Spreadsheets;

/// <summary>
/// Reads a progress sheet, XLSX (the first worksheet, with MiniExcel) or CSV (UTF-8), into the rows the domain checks
/// (<see cref="ProgressImportSheet"/>). The first filled row is the header; the columns commitment and status are
/// required, note and evidence optional, found by their header in English, French or Spanish in any order; other
/// columns are ignored; rows with none of the four cells filled are skipped. A file that cannot be read this way is
/// a <see cref="SpreadsheetUnreadableException"/>.
/// </summary>
public static class ProgressSheetReader
{
    public const string CsvMediaType = "text/csv";

    /// <summary>
    /// Rows read in all, blank or not, before the reader gives up: a workbook can claim a million empty rows, and
    /// each is a dictionary as wide as the sheet.
    /// </summary>
    public const int MaxSheetRows = 50_000;

    /// <summary>Columns a header row may have; a progress sheet needs four, an export has twelve.</summary>
    public const int MaxColumns = 500;

    public static ProgressImportSheet ReadXlsx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return ProgressSheetLayout.Read(XlsxRecords(stream));
        }
        catch (Exception e) when (e is not (SpreadsheetUnreadableException or OutOfMemoryException or OperationCanceledException))
        {
            // MiniExcel throws what the broken part throws (zip, XML, a missing part): to the sender, the file is not a workbook.
            throw new SpreadsheetUnreadableException("file", $"The file is not an XLSX workbook that can be read ({e.Message}).");
        }
    }

    public static ProgressImportSheet ReadCsv(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var text = Utf8Text(stream);
        return ProgressSheetLayout.Read(CsvRecords.Read(text, CsvRecords.DetectSeparator(text)));
    }

    /// <summary>The first worksheet's rows; MiniExcel yields every row from row 1, blank ones too, keyed by column letter.</summary>
    private static IEnumerable<SheetRecord> XlsxRecords(Stream stream)
    {
        var row = 0;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            row++;
            if (cells.Count > MaxColumns)
            {
                throw new SpreadsheetUnreadableException("file", string.Create(CultureInfo.InvariantCulture,
                    $"The worksheet is {cells.Count:N0} columns wide; a progress sheet may have at most {MaxColumns:N0}."));
            }
            yield return new SheetRecord(row, cells.Values.Select(Text).ToList());
        }
    }

    /// <summary>A cell as text: numbers and dates as written in the invariant culture (an id or a status is text anyway).</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private static string Utf8Text(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: false);
        try
        {
            var text = reader.ReadToEnd();
            // A byte order mark, as Excel writes before "CSV UTF-8", is not part of the first header.
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            throw new SpreadsheetUnreadableException("file", string.Create(CultureInfo.InvariantCulture,
                $"The file is not UTF-8 text (byte {e.Index}); save the CSV as UTF-8 (in Excel: \"CSV UTF-8\")."));
        }
    }
}
