namespace Network.Domain.Audit;

/// <summary>
/// One line of the audit trail: when, in which tenant, who (<see cref="AuditActor"/>), what (<see cref="Action"/>,
/// one of <see cref="AuditActions"/>) to what (<see cref="Target"/>), with which outcome, under which trace. Written
/// once, never changed; deleted only when older than the retention (<c>Audit:Retention</c>).
/// </summary>
/// <param name="Id">Unique per change: a change recorded twice (a call sent again, a message delivered again) is stored once.</param>
/// <param name="Tenant">The path of the tenant the change was made in; null when the caller named a tenant that does not exist.</param>
/// <param name="TenantId">The tenant id as the caller named it.</param>
/// <param name="Target">What was changed, inside the tenant: e.g. <c>commitment/c-1</c>, <c>key/k-2</c>.</param>
/// <param name="Outcome"><see cref="AuditOutcomes.Done"/> or <see cref="AuditOutcomes.Refused"/>.</param>
/// <param name="Reason">Why it was refused (the answer the caller got).</param>
[GenerateSerializer, Immutable]
public sealed record AuditEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Tenant,
    [property: Id(3)] string TenantId,
    [property: Id(4)] AuditActor Actor,
    [property: Id(5)] string Action,
    [property: Id(6)] string Target,
    [property: Id(7)] string Outcome,
    [property: Id(8)] string? Reason,
    [property: Id(9)] string? TraceId);

public static class AuditOutcomes
{
    public const string Done = "done";
    public const string Refused = "refused";
}
