using System.Globalization;
using Network.Contracts.Commitments;
using Network.Documents.Layout;
using Network.Domain.Commitments.ProgressImport;

namespace Network.Documents.Spreadsheets;

/// <summary>
/// A list of commitments as a spreadsheet to fill in and send back: the four columns the progress import reads
/// first (commitment, status, and an empty note and evidence), then what a coordinator filters on. Uploading it
/// unchanged records nothing; a row whose status, note or evidence was filled in becomes that commitment's report.
/// </summary>
public static class CommitmentSpreadsheet
{
    public const string SheetName = "Commitments";

    /// <summary>The column titles, in order (English; the import reads them in French and Spanish too).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        ProgressImportFields.Commitment, ProgressImportFields.Status, ProgressImportFields.Note, ProgressImportFields.Evidence,
        "home tenant", "session", "period", "ordinal", "summary", "due", "owners", "updated",
    ];

    public static DataSheet Sheet(IEnumerable<CommitmentSummaryResource> commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        var rows = commitments.Select(c => (IReadOnlyList<object?>)
        [
            c.Id, c.Status, null, null,
            c.HomeTenant, c.SessionId, c.Period, c.Ordinal, c.Summary, c.DueOn, string.Join(", ", c.Owners), c.UpdatedAt,
        ]).ToList();
        return new DataSheet(SheetName, Columns, rows);
    }

    /// <summary>The workbook's bytes.</summary>
    public static byte[] Xlsx(IEnumerable<CommitmentSummaryResource> commitments)
    {
        using var output = new MemoryStream();
        XlsxReportWriter.WriteSheet(Sheet(commitments), output);
        return output.ToArray();
    }

    /// <summary>A download's name: the tenant and the day, e.g. <c>tmp-commitments-2026-11-28.xlsx</c>.</summary>
    public static string FileName(string tenantId, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{tenantId}-commitments-{now.UtcDateTime:yyyy-MM-dd}.xlsx");
}
