namespace Network.Documents.Spreadsheets;

/// <summary>One row of a sheet as read, XLSX or CSV alike: its number in the file and its cells by column (blank as null or empty).</summary>
public sealed record SheetRecord(int Row, IReadOnlyList<string?> Cells)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}
