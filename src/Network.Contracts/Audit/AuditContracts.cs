namespace Network.Contracts.Audit;

/// <summary>One line of the audit trail: who did what to what, where, when, with which outcome.</summary>
/// <param name="Id">Unique per change.</param>
/// <param name="Tenant">The path of the tenant the change was made in (null when the caller named one that does not exist).</param>
/// <param name="TenantId">The tenant id as the caller named it.</param>
/// <param name="Action">E.g. <c>commitment.progress</c>, <c>key.revoke</c>, <c>engine.escalation</c>.</param>
/// <param name="Target">What inside the tenant, e.g. <c>commitment/c-1</c>.</param>
/// <param name="Outcome"><c>done</c> or <c>refused</c>.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="TraceId">The W3C trace id of the request or message, to find it in the logs and traces.</param>
public sealed record AuditEntryResource(
    string Id, DateTimeOffset At, string? Tenant, string TenantId, AuditActorResource Actor, string Action, string Target,
    string Outcome, string? Reason, string? TraceId);

/// <summary>Who: an API key (its id, label, role, tenant, and door), the workflow engine (instance and step), or the system.</summary>
/// <param name="Kind"><c>key</c>, <c>engine</c> or <c>system</c>.</param>
/// <param name="Door"><c>http</c>, <c>web</c>, <c>bus</c>, <c>engine</c> or <c>system</c>.</param>
/// <param name="MessageId">The bus message's id, when the change came as a tenant link's message.</param>
/// <param name="Name">The actor as one line, as a commitment's history names it.</param>
public sealed record AuditActorResource(
    string Kind, string Id, string? KeyId, string? KeyLabel, string? Role, string? Tenant, string Door, string? MessageId,
    string? InstanceId, string? StepId, string Name);

public sealed record AuditEntryPage(IReadOnlyList<AuditEntryResource> Items, int Total, int Offset, int Limit);
