using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// What workflows addressed to one tenant, newest first: its notifications, escalations and assigned tasks. Keyed by
/// <see cref="TenantInboxGrain.KeyFor"/>. Keeps the newest <see cref="TenantInboxGrain.Capacity"/> entries.
/// </summary>
public interface ITenantInboxGrain : ITenantScopedGrain
{
    /// <summary>Adds an entry; an entry id already seen is ignored.</summary>
    Task Add(InboxEntry entry);

    /// <summary>The newest entries first, optionally of one kind and not older than <paramref name="since"/>.</summary>
    Task<IReadOnlyList<InboxEntry>> List(string? kind, DateTimeOffset? since, int limit);
}
