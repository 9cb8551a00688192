using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Network.Documents.Layout;
using Network.Documents.Writers;

namespace Network.Documents.Spreadsheets;

/// <summary>
/// Writes a report's <see cref="DataSheet"/> as an XLSX workbook of one worksheet (MiniExcel): the column titles as
/// the header row (frozen, with filters), then one row per item. Dates are real date cells, so a spreadsheet sorts
/// and filters them as dates: a <see cref="DateOnly"/> as <c>yyyy-mm-dd</c>, a <see cref="DateTimeOffset"/> in UTC as
/// <c>yyyy-mm-dd hh:mm</c>. Numbers are numbers; text is text (a value starting with '=' stays text, never a formula).
/// </summary>
public sealed class XlsxReportWriter : IReportWriter
{
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string DateFormat = "yyyy-mm-dd";
    private const string TimestampFormat = "yyyy-mm-dd hh:mm";

    public string Format => "xlsx";

    public string MediaType => XlsxMediaType;

    public string Extension => "xlsx";

    public void Write(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        WriteSheet(document.Sheet, output);
    }

    /// <summary>Writes the sheet alone, for exports that are a list rather than a report.</summary>
    public static void WriteSheet(DataSheet sheet, Stream output)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(output);
        CheckShape(sheet);
        var rows = sheet.Rows.Select(row => Row(sheet.Columns, row)).ToList();
        var configuration = new OpenXmlConfiguration
        {
            // Auto width needs fast mode (the rows are held in memory to measure them; a sheet is at most some
            // thousands of rows).
            FastMode = true,
            EnableAutoWidth = true,
            MaxWidth = 60,
            DynamicColumns = DateColumns(sheet).ToArray(),
        };
        var printHeader = rows.Count > 0;
        if (!printHeader)
        {
            // MiniExcel takes the header from the first row: with none, the titles are written as the only row.
            rows.Add(sheet.Columns.ToDictionary(c => c, object? (c) => c));
        }
        MiniExcel.SaveAs(output, rows, printHeader, sheetName: SheetNames.Safe(sheet.Name), excelType: ExcelType.XLSX,
            configuration: configuration);
    }

    /// <summary>The row keyed by column title (MiniExcel's header), with dates as the DateTime a date cell holds.</summary>
    private static Dictionary<string, object?> Row(IReadOnlyList<string> columns, IReadOnlyList<object?> values)
    {
        var row = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            row[columns[i]] = values[i] switch
            {
                null => null,
                string text => text,
                int number => number,
                DateOnly date => date.ToDateTime(TimeOnly.MinValue),
                // Spreadsheets have no time zones: the moment in UTC, said in the README and the column's format.
                DateTimeOffset moment => moment.UtcDateTime,
                var other => throw new ArgumentException(
                    $"Column '{columns[i]}' holds a {other.GetType().Name}; a DataSheet holds string, int, DateOnly, DateTimeOffset or null.",
                    nameof(values)),
            };
        }
        return row;
    }

    /// <summary>A date format for each column whose values are all dates (or all moments); mixed columns keep the default.</summary>
    private static IEnumerable<DynamicExcelColumn> DateColumns(DataSheet sheet)
    {
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            var values = sheet.Rows.Select(r => r[i]).Where(v => v is not null).ToList();
            if (values.Count == 0)
            {
                continue;
            }
            if (values.All(v => v is DateOnly))
            {
                yield return new DynamicExcelColumn(sheet.Columns[i]) { Format = DateFormat, Width = 12 };
            }
            else if (values.All(v => v is DateTimeOffset))
            {
                yield return new DynamicExcelColumn(sheet.Columns[i]) { Format = TimestampFormat, Width = 17 };
            }
        }
    }

    /// <summary>Titles are the header and key each row, so they must be distinct; each row has one value per column.</summary>
    private static void CheckShape(DataSheet sheet)
    {
        var duplicate = sheet.Columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The column title '{duplicate.Key}' appears more than once; titles must be distinct.", nameof(sheet));
        }
        if (sheet.Columns.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A column title is blank.", nameof(sheet));
        }
        for (var i = 0; i < sheet.Rows.Count; i++)
        {
            if (sheet.Rows[i].Count != sheet.Columns.Count)
            {
                throw new ArgumentException($"Row {i} has {sheet.Rows[i].Count} values for {sheet.Columns.Count} columns.", nameof(sheet));
            }
        }
    }
}
