using System.Text.Json;
using Network.Domain.Audit;

namespace Network.Host.Audit;

/// <summary>
/// An <see cref="AuditEntry"/> as the columns of <c>audit_entry</c>: the ones the audit API filters on, and the whole
/// line as JSON. One mapping for the state pipeline (which writes a change's line with the change) and for
/// <see cref="SqlAuditTrail"/> (which writes refusals and reads the trail).
/// </summary>
internal sealed record AuditRow(
    string Id, DateTimeOffset At, string? TenantPath, string? ActorTenant, string ActorId, string Action, string Target,
    string Outcome, string EntryJson)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AuditRow From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditRow(entry.Id, entry.At, entry.Tenant, entry.Actor.Tenant, entry.Actor.Id, entry.Action, entry.Target,
            entry.Outcome, JsonSerializer.Serialize(entry, Json));
    }

    public static AuditEntry Read(string entryJson) =>
        JsonSerializer.Deserialize<AuditEntry>(entryJson, Json) ?? throw new InvalidDataException("An audit_entry row holds no entry.");
}
