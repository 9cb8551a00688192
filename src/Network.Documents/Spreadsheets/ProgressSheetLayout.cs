using System.Globalization;
using Network.Domain.Commitments.ProgressImport;

namespace Network.Documents.Spreadsheets;

/// <summary>
/// Finds a progress sheet's layout in its rows, whatever the file format: the header (the first filled row), the
/// column of each field by its header, then the filled rows under it, within the import's limits.
/// </summary>
public static class ProgressSheetLayout
{
    public static ProgressImportSheet Read(IEnumerable<SheetRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        ProgressImportColumns? columns = null;
        int[] positions = [];
        var rows = new List<ProgressImportRow>();
        foreach (var record in records)
        {
            if (record.Row > ProgressSheetReader.MaxSheetRows)
            {
                throw new SpreadsheetUnreadableException("rows", string.Create(CultureInfo.InvariantCulture,
                    $"The sheet goes on past row {ProgressSheetReader.MaxSheetRows:N0}; a progress sheet is read up to there. Remove the empty rows below your data."));
            }
            if (columns is null)
            {
                if (!record.IsBlank)
                {
                    (columns, positions) = Header(record);
                }
                continue;
            }
            var row = new ProgressImportRow(record.Row, Cell(record, positions[0]), Cell(record, positions[1]),
                Cell(record, positions[2]), Cell(record, positions[3]));
            if (row.Commitment is null && row.Status is null && row.Note is null && row.Evidence is null)
            {
                continue;
            }
            if (rows.Count == ProgressImportLimits.MaxRows)
            {
                throw new SpreadsheetUnreadableException("rows", string.Create(CultureInfo.InvariantCulture,
                    $"The file has more than {ProgressImportLimits.MaxRows:N0} filled rows; import at most {ProgressImportLimits.MaxRows:N0} at once (split the file)."));
            }
            rows.Add(row);
        }
        if (columns is null)
        {
            throw new SpreadsheetUnreadableException("header",
                $"The file has no header row: its first filled row must name the columns ({string.Join(", ", ProgressHeaders.Fields)}).");
        }
        return new ProgressImportSheet(columns, rows);
    }

    /// <summary>Each field's column; a required one missing or a field named twice is a problem of the header row.</summary>
    private static (ProgressImportColumns Columns, int[] Positions) Header(SheetRecord header)
    {
        var found = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < header.Cells.Count; i++)
        {
            if (ProgressHeaders.FieldOf(header.Cells[i]) is not { } field)
            {
                continue;
            }
            if (!found.TryGetValue(field, out var at))
            {
                found[field] = at = [];
            }
            at.Add(i);
        }
        var where = string.Create(CultureInfo.InvariantCulture, $"header (row {header.Row})");
        var problems = new List<SheetProblem>();
        foreach (var field in new[] { ProgressImportFields.Commitment, ProgressImportFields.Status }.Where(f => !found.ContainsKey(f)))
        {
            problems.Add(new SheetProblem(where,
                $"No '{field}' column: the header row (row {header.Row.ToString(CultureInfo.InvariantCulture)}) needs one headed {ProgressHeaders.AcceptedFor(field)} (English, French or Spanish; case and accents do not matter)."));
        }
        foreach (var (field, at) in found.Where(f => f.Value.Count > 1))
        {
            problems.Add(new SheetProblem(where,
                $"Columns {string.Join(" and ", at.Select(ColumnLetters.Of))} are both '{field}' columns; keep one."));
        }
        if (problems.Count > 0)
        {
            throw new SpreadsheetUnreadableException(problems);
        }

        SheetColumn? Column(string field) =>
            found.TryGetValue(field, out var at) ? new SheetColumn(ColumnLetters.Of(at[0]), header.Cells[at[0]]!.Trim()) : null;
        int Position(string field) => found.TryGetValue(field, out var at) ? at[0] : -1;

        var columns = new ProgressImportColumns(Column(ProgressImportFields.Commitment)!, Column(ProgressImportFields.Status)!,
            Column(ProgressImportFields.Note), Column(ProgressImportFields.Evidence));
        return (columns, ProgressHeaders.Fields.Select(Position).ToArray());
    }

    /// <summary>The cell, or null when the column is absent, beyond this row's end, or blank.</summary>
    private static string? Cell(SheetRecord record, int position) =>
        position >= 0 && position < record.Cells.Count && !string.IsNullOrWhiteSpace(record.Cells[position]) ? record.Cells[position] : null;
}
