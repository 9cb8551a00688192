namespace Network.Domain.Commitments.ProgressImport;

/// <summary>
/// A progress spreadsheet as read from its file (XLSX or CSV, by <c>Network.Documents</c>): where its four columns
/// are, and its filled rows. Cells are as written; <see cref="ProgressImportService"/> checks them.
/// </summary>
public sealed record ProgressImportSheet(ProgressImportColumns Columns, IReadOnlyList<ProgressImportRow> Rows);

/// <summary>Where each field's column is; note and evidence may be absent from a file.</summary>
public sealed record ProgressImportColumns(SheetColumn Commitment, SheetColumn Status, SheetColumn? Note, SheetColumn? Evidence);

/// <summary>A column of the sheet, so a problem can say where it is.</summary>
/// <param name="Letter">The column's letter as a spreadsheet shows it (A, B, …, AA).</param>
/// <param name="Header">The header as written in the file (e.g. "Statut").</param>
public sealed record SheetColumn(string Letter, string Header);

/// <summary>One filled row: its number in the file and its four cells as written (null when blank or absent).</summary>
public sealed record ProgressImportRow(int Row, string? Commitment, string? Status, string? Note, string? Evidence);

/// <summary>The names of the four fields, as problems name them (and as the English headers are written).</summary>
public static class ProgressImportFields
{
    public const string Commitment = "commitment";
    public const string Status = "status";
    public const string Note = "note";
    public const string Evidence = "evidence";
}
