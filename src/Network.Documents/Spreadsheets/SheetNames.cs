namespace Network.Documents.Spreadsheets;

/// <summary>
/// What a worksheet may be called: at most 31 characters, none of <c>: \ / ? * [ ]</c>, not blank (spreadsheet
/// programs refuse to open a workbook that breaks this). A report's title can be anything, so it is made safe here.
/// </summary>
public static class SheetNames
{
    public const int MaxLength = 31;

    private const string Forbidden = ":\\/?*[]";

    public static string Safe(string? name)
    {
        var cleaned = new string((name ?? "").Select(c => Forbidden.Contains(c, StringComparison.Ordinal) || char.IsControl(c) ? '-' : c).ToArray())
            .Trim().Trim('\'').Trim();
        if (cleaned.Length > MaxLength)
        {
            var cut = char.IsHighSurrogate(cleaned[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
            cleaned = cleaned[..cut].TrimEnd().TrimEnd('\'');
        }
        return cleaned.Length == 0 ? "Sheet1" : cleaned;
    }
}
