namespace Network.Documents.Spreadsheets;

/// <summary>
/// A file that cannot be read as a progress sheet at all (not an XLSX, not UTF-8, no header row, a required column
/// missing, too many rows): nothing in it was looked at further. The API answers 422 with each problem.
/// </summary>
public sealed class SpreadsheetUnreadableException(IReadOnlyList<SheetProblem> problems)
    : Exception(string.Join(" ", problems?.Select(p => p.Message) ?? []))
{
    public IReadOnlyList<SheetProblem> Problems { get; } = problems ?? throw new ArgumentNullException(nameof(problems));

    public SpreadsheetUnreadableException(string where, string message)
        : this([new SheetProblem(where, message)])
    {
    }
}

/// <summary>What is wrong and where: <c>file</c>, <c>header</c> (with its row), <c>rows</c>, or <c>row N</c>.</summary>
public sealed record SheetProblem(string Where, string Message);
