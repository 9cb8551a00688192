using Network.Contracts.Commitments;
using Network.Domain.Errors;

namespace Network.Domain.Commitments.ProgressImport;

/// <summary>
/// One row's cells checked by the rules of the progress endpoint (<see cref="CommitmentStatuses"/>,
/// <see cref="ProgressRules.Note"/>, <see cref="ProgressRules.EvidenceUrl"/>), each problem tied to its cell. Only
/// the status is read more kindly than on the wire: in any case, since people type it.
/// </summary>
public sealed class ProgressRowFields
{
    private readonly List<ProgressImportProblem> _problems = [];

    private ProgressRowFields(ProgressImportRow row) => Row = row;

    public ProgressImportRow Row { get; }

    /// <summary>The commitment id, trimmed; null when blank (a problem).</summary>
    public string? CommitmentId { get; private set; }

    /// <summary>The status as it would be recorded (lower case), or as written when it is not one.</summary>
    public string? Status { get; private set; }

    /// <summary>The report the row makes; null when any cell has a problem.</summary>
    public ReportProgressRequest? Request { get; private set; }

    public IReadOnlyList<ProgressImportProblem> Problems => _problems;

    public static ProgressRowFields Check(ProgressImportRow row, ProgressImportColumns columns)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(columns);
        var fields = new ProgressRowFields(row);

        fields.CommitmentId = Blank(row.Commitment) ? null : row.Commitment!.Trim();
        if (fields.CommitmentId is null)
        {
            fields.Add(columns.Commitment, ProgressImportFields.Commitment, "A commitment id is required.");
        }

        fields.Status = Blank(row.Status) ? null : row.Status!.Trim().ToLowerInvariant();
        if (fields.Status is null)
        {
            fields.Add(columns.Status, ProgressImportFields.Status,
                $"A status is required: one of {string.Join(", ", CommitmentStatuses.All)}.");
        }
        else if (!CommitmentStatuses.IsValid(fields.Status))
        {
            fields.Status = row.Status!.Trim();
            fields.Add(columns.Status, ProgressImportFields.Status,
                $"'{fields.Status}' is not a commitment status: use one of {string.Join(", ", CommitmentStatuses.All)}.");
        }

        var note = fields.Checked(columns.Note, ProgressImportFields.Note, () => ProgressRules.Note(row.Note));
        var evidence = fields.Checked(columns.Evidence, ProgressImportFields.Evidence, () => ProgressRules.EvidenceUrl(row.Evidence));

        if (fields._problems.Count == 0)
        {
            fields.Request = new ReportProgressRequest(fields.Status!, note, evidence);
        }
        return fields;
    }

    /// <summary>Adds a problem in the commitment's cell (not found, or a second row for it).</summary>
    public void RefuseCommitment(ProgressImportColumns columns, string message)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Add(columns.Commitment, ProgressImportFields.Commitment, message);
        Request = null;
    }

    /// <summary>A cell checked by the progress endpoint's own rule; its refusal becomes this cell's problem.</summary>
    private string? Checked(SheetColumn? column, string field, Func<string?> rule)
    {
        try
        {
            return rule();
        }
        catch (DomainValidationException e)
        {
            // A reader gives no value for a column the file lacks; a caller that does anyway gets the field named.
            Add(column ?? new SheetColumn("?", field), field, e.Message);
            return null;
        }
    }

    private void Add(SheetColumn column, string field, string message) =>
        _problems.Add(new ProgressImportProblem(Row.Row, column.Letter, column.Header, field, message));

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
