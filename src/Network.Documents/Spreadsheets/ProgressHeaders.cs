using System.Globalization;
using System.Text;
using Network.Domain.Commitments.ProgressImport;

namespace Network.Documents.Spreadsheets;

/// <summary>
/// Which header names which field of a progress sheet, in the three languages partners write in. A header matches
/// whatever its case, accents and surrounding or doubled spaces ("Statut", " STATUS ", "Évidence" all match).
/// </summary>
public static class ProgressHeaders
{
    /// <summary>The accepted headers of each field: English, French, Spanish (and the other word people use).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Accepted { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [ProgressImportFields.Commitment] = ["commitment", "engagement", "compromiso"],
        [ProgressImportFields.Status] = ["status", "statut", "estado"],
        [ProgressImportFields.Note] = ["note", "nota"],
        [ProgressImportFields.Evidence] = ["evidence", "preuve", "justificatif", "evidencia", "prueba"],
    };

    /// <summary>The fields, in the order of a sheet made for filling in.</summary>
    public static IReadOnlyList<string> Fields { get; } =
        [ProgressImportFields.Commitment, ProgressImportFields.Status, ProgressImportFields.Note, ProgressImportFields.Evidence];

    private static readonly Dictionary<string, string> FieldOfHeader = Accepted
        .SelectMany(field => field.Value.Select(header => (header, field.Key)))
        .ToDictionary(p => p.header, p => p.Key, StringComparer.Ordinal);

    /// <summary>The field the header names, or null for a column the import ignores.</summary>
    public static string? FieldOf(string? header) =>
        header is not null && FieldOfHeader.TryGetValue(Normalize(header), out var field) ? field : null;

    /// <summary>Lower case, without accents, trimmed, inner runs of white space as one space.</summary>
    public static string Normalize(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
                continue;
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>"commitment, engagement, compromiso": what a missing column's problem offers.</summary>
    public static string AcceptedFor(string field) => string.Join(", ", Accepted[field]);
}
