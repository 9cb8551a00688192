using System.Globalization;
using Network.Contracts.Commitments;
using Network.Domain.Errors;
using Network.Domain.Tenancy;

namespace Network.Domain.Commitments.ProgressImport;

/// <summary>
/// Progress reported as a spreadsheet: one row per commitment (commitment, status, note, evidence). Every row is
/// checked before anything is saved; then each row is recorded through <see cref="CommitmentService.ReportProgressAsync(string, string, ReportProgressRequest, string?, CancellationToken)"/>,
/// exactly as the progress endpoint records it (same rules, recorded as the caller's key), once per row content
/// (<see cref="SheetReportIdentity"/>).
/// </summary>
public sealed class ProgressImportService(CallerAccess access, CommitmentService commitments, Quotas.TenantQuotas quotas)
{
    /// <summary>
    /// Checks every row and, unless <paramref name="dryRun"/>, applies the valid ones. A dry run answers each row's
    /// outcome (would-apply, unchanged or refused with its problems) and saves nothing. Otherwise any problem refuses
    /// the whole file (<see cref="ProgressImportRefusedException"/>) and nothing is saved.
    /// </summary>
    /// <param name="sourceBytes">The file's size, counted against the tenant's imports of the day (dry runs too).</param>
    public async Task<ProgressImportResultResource> ImportAsync(
        string tenantId, ProgressImportSheet sheet, bool dryRun, long sourceBytes = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        // A tenant out of reach is "not found" before any row is looked at, even for a file without rows.
        var home = await access.TenantAsync(tenantId);
        await quotas.UseImportBytesAsync(home, sourceBytes);
        if (sheet.Rows.Count > ProgressImportLimits.MaxRows)
        {
            throw new DomainValidationException("rows", string.Create(CultureInfo.InvariantCulture,
                $"The file has {sheet.Rows.Count:N0} filled rows; at most {ProgressImportLimits.MaxRows:N0} are imported at once. Split it."));
        }

        var plans = await CheckAsync(tenantId, sheet, ct);
        if (dryRun)
        {
            return Result(dryRun: true, plans.Select(p => p.Outcome()));
        }
        if (plans.Any(p => p.Fields.Problems.Count > 0))
        {
            throw new ProgressImportRefusedException(Result(dryRun: false, plans.Select(p => p.Outcome())));
        }

        var outcomes = new List<ProgressImportRowResource>(plans.Count);
        foreach (var plan in plans)
        {
            outcomes.Add(plan.WouldApply ? await ApplyAsync(tenantId, plan, sheet.Columns) : plan.Outcome());
        }
        return Result(dryRun: false, outcomes);
    }

    /// <summary>Every row's cells, then its commitment: reachable, reportable by the caller, and what the row would change.</summary>
    private async Task<List<RowPlan>> CheckAsync(string tenantId, ProgressImportSheet sheet, CancellationToken ct)
    {
        var plans = new List<RowPlan>(sheet.Rows.Count);
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            ct.ThrowIfCancellationRequested();
            var fields = ProgressRowFields.Check(row, sheet.Columns);
            var plan = new RowPlan(fields);
            plans.Add(plan);
            if (fields.CommitmentId is not { } id)
            {
                continue;
            }
            if (firstRowOf.TryGetValue(id, out var first))
            {
                fields.RefuseCommitment(sheet.Columns, string.Create(CultureInfo.InvariantCulture,
                    $"Commitment '{id}' is already in row {first}; give each commitment one row."));
                continue;
            }
            firstRowOf[id] = row.Row;

            plan.MessageId = fields.Request is { } request ? SheetReportIdentity.MessageId(id, request) : null;
            var check = await CheckCommitmentAsync(tenantId, id, plan.MessageId, ct);
            if (check is not { MayReport: true })
            {
                // Missing, out of reach and not the caller's to report on read the same, as on the progress endpoint.
                fields.RefuseCommitment(sheet.Columns, $"No commitment '{id}' is visible to this key.");
                continue;
            }
            plan.Unchanged = check.AlreadyApplied || SaysNothingNew(fields.Request, check.CurrentStatus);
        }
        return plans;
    }

    private async Task<ProgressReportCheck?> CheckCommitmentAsync(string tenantId, string commitmentId, string? messageId, CancellationToken ct)
    {
        try
        {
            return await commitments.CheckProgressReportAsync(tenantId, commitmentId, messageId, ct);
        }
        catch (Exception e) when (e is DomainNotFoundException or TenantAccessDeniedException or DomainValidationException)
        {
            // A malformed id (DomainValidationException) names no commitment either.
            return null;
        }
    }

    /// <summary>
    /// A row that repeats the commitment's current status with no note and no evidence reports nothing: an exported
    /// list uploaded back with a few statuses changed records only those.
    /// </summary>
    private static bool SaysNothingNew(ReportProgressRequest? request, string currentStatus) =>
        request is { Note: null, EvidenceUrl: null } && string.Equals(request.Status, currentStatus, StringComparison.Ordinal);

    /// <summary>
    /// Records one checked row. The file was checked as a whole first; a row refused now (its owners changed since
    /// the check) is reported as refused and the other rows are kept, and uploading the file again is safe.
    /// </summary>
    private async Task<ProgressImportRowResource> ApplyAsync(string tenantId, RowPlan plan, ProgressImportColumns columns)
    {
        var fields = plan.Fields;
        try
        {
            // Not cancelled with the request: once the checked file starts to apply, it applies to the end.
            await commitments.ReportProgressAsync(tenantId, fields.CommitmentId!, fields.Request!, plan.MessageId, CancellationToken.None);
            return plan.Outcome(ProgressImportOutcomes.Applied);
        }
        catch (Exception e) when (e is DomainNotFoundException or TenantAccessDeniedException)
        {
            fields.RefuseCommitment(columns, $"No commitment '{fields.CommitmentId}' is visible to this key.");
            return plan.Outcome();
        }
    }

    private static ProgressImportResultResource Result(bool dryRun, IEnumerable<ProgressImportRowResource> outcomes)
    {
        var rows = outcomes.ToList();
        int Count(string outcome) => rows.Count(r => r.Outcome == outcome);
        return new ProgressImportResultResource(dryRun, Count(ProgressImportOutcomes.Applied), Count(ProgressImportOutcomes.WouldApply),
            Count(ProgressImportOutcomes.Unchanged), Count(ProgressImportOutcomes.Refused), rows);
    }

    /// <summary>What one row will do, once checked.</summary>
    private sealed class RowPlan(ProgressRowFields fields)
    {
        public ProgressRowFields Fields { get; } = fields;

        public string? MessageId { get; set; }

        public bool Unchanged { get; set; }

        public bool WouldApply => Fields.Problems.Count == 0 && !Unchanged;

        public ProgressImportRowResource Outcome() =>
            Outcome(Fields.Problems.Count > 0 ? ProgressImportOutcomes.Refused
                : Unchanged ? ProgressImportOutcomes.Unchanged
                : ProgressImportOutcomes.WouldApply);

        public ProgressImportRowResource Outcome(string outcome) =>
            new(Fields.Row.Row, Fields.CommitmentId, Fields.Status, outcome, Fields.Problems.ToList());
    }
}
