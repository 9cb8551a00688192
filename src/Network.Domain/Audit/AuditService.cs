using Network.Contracts.Audit;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Audit;

/// <summary>
/// The audit trail as coordinators read it: the lines of their subtree (changes made there, and what its keys did or
/// attempted elsewhere), newest first, filtered and paged.
/// </summary>
public sealed class AuditService(CallerAccess access, IAuditTrail trail)
{
    public const int MaxFilterLength = 300;

    public async Task<AuditEntryPage> ListAsync(
        string tenantId, DateTimeOffset? since, string? actor, string? action, string? target, int offset, int limit,
        CancellationToken cancellationToken = default)
    {
        var scope = await access.TenantAsync(tenantId);
        CallerAccess.RequireCoordinator("read the audit trail");
        ListPaging.Check(offset, limit);
        if (action is not null && !AuditActions.All.Contains(action, StringComparer.Ordinal))
        {
            throw new DomainValidationException("action", $"'{action}' is not an audited action; one of: {string.Join(", ", AuditActions.All)}.");
        }
        var page = await trail.ListAsync(scope,
            new AuditQuery(since, Filter(actor, "actor"), action, Filter(target, "target"), offset, limit), cancellationToken);
        return new AuditEntryPage(page.Items.Select(ToResource).ToList(), page.Total, page.Offset, page.Limit);
    }

    private static string? Filter(string? value, string field) =>
        value is null ? null
        : value.Length is 0 or > MaxFilterLength ? throw new DomainValidationException(field, $"'{field}' must have 1 to {MaxFilterLength} characters.")
        : value;

    public static AuditEntryResource ToResource(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var a = entry.Actor;
        return new AuditEntryResource(entry.Id, entry.At, entry.Tenant, entry.TenantId,
            new AuditActorResource(a.Kind, a.Id, a.KeyId, a.KeyLabel, a.Role, a.Tenant, a.Door, a.MessageId, a.InstanceId, a.StepId, a.Name),
            entry.Action, entry.Target, entry.Outcome, entry.Reason, entry.TraceId);
    }
}
