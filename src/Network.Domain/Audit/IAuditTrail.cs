using Network.Domain.Tenancy;

namespace Network.Domain.Audit;

/// <summary>
/// The audit trail's table, kept by the host's storage. "Done" lines are written by the state storage in the same
/// transaction as the change (<see cref="AuditOperation"/>); this writes the lines that change no state (refusals)
/// and reads the trail.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Adds a line on its own, once per <see cref="AuditEntry.Id"/>; returns once it is durable.</summary>
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// The lines of changes made in <paramref name="scope"/>'s subtree or by its keys, newest first, with the
    /// query's filters.
    /// </summary>
    Task<AuditPage> ListAsync(TenantPath scope, AuditQuery query, CancellationToken cancellationToken = default);
}

/// <param name="Since">Only lines at or after this instant.</param>
/// <param name="Actor">Only lines of this actor (<see cref="AuditActor.Id"/>: a key id, an engine instance, "system").</param>
/// <param name="Action">Only lines of this action (<see cref="AuditActions"/>).</param>
/// <param name="Target">Only lines about this target (e.g. <c>commitment/c-1</c>).</param>
public sealed record AuditQuery(DateTimeOffset? Since, string? Actor, string? Action, string? Target, int Offset, int Limit);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total, int Offset, int Limit);
