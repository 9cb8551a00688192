using Network.Domain.Commitments;
using Network.Domain.Commitments.ProgressImport;
using Network.Domain.Errors;
using Network.Domain.Reports;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;

namespace Network.Domain.Audit;

/// <summary>
/// Which failures are refusals the audit trail records (the domain said no: bad input, out of reach, not allowed, in
/// conflict), as opposed to faults (storage down, a bug), which the logs carry instead.
/// </summary>
public static class AuditRefusals
{
    public static bool IsRefusal(Exception exception) => exception is
        DomainValidationException or DomainConflictException or RoleForbiddenException or DomainNotFoundException
        or TenantAccessDeniedException or WorkflowInvalidException or WorkflowMigrationRefusedException
        or ReportFormatException or ProgressImportRefusedException or CommitmentExportTooLargeException
        or Quotas.QuotaExceededException;

    /// <summary>Why, in a line: the message the caller was given.</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var kind = exception switch
        {
            DomainNotFoundException or TenantAccessDeniedException => "not found or out of reach",
            RoleForbiddenException => "forbidden",
            DomainConflictException => "conflict",
            Quotas.QuotaExceededException => "quota",
            _ => "invalid",
        };
        var message = exception.Message.Length > 500 ? exception.Message[..500] + "…" : exception.Message;
        return $"{kind}: {message}";
    }
}
