using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

[GrainType("tenant-inbox")]
public sealed class TenantInboxGrain(
    [PersistentState("tenant-inbox", StorageNames.Network)] IPersistentState<TenantInboxGrain.State> state)
    : Grain, ITenantInboxGrain
{
    /// <summary>The entries kept; older ones drop off (the instance journals keep the full story).</summary>
    public const int Capacity = 500;

    /// <summary>Ids remembered for dropping resends; more than <see cref="Capacity"/> so an entry that dropped off is not taken again.</summary>
    private const int RememberedIds = 4 * Capacity;

    public sealed class State
    {
        /// <summary>Oldest first.</summary>
        public List<InboxEntry> Entries { get; set; } = [];

        /// <summary>Oldest first.</summary>
        public List<string> SeenIds { get; set; } = [];
    }

    private HashSet<string>? _seen;

    public static string KeyFor(TenantPath tenant) => TenantScopedKey.For(tenant, "inbox");

    public async Task Add(InboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _seen ??= new HashSet<string>(state.State.SeenIds, StringComparer.Ordinal);
        if (!_seen.Add(entry.Id))
        {
            return;
        }
        state.State.Entries.Add(entry);
        state.State.SeenIds.Add(entry.Id);
        if (state.State.Entries.Count > Capacity)
        {
            state.State.Entries.RemoveRange(0, state.State.Entries.Count - Capacity);
        }
        if (state.State.SeenIds.Count > RememberedIds)
        {
            var forgotten = state.State.SeenIds.Count - RememberedIds;
            _seen.ExceptWith(state.State.SeenIds.Take(forgotten));
            state.State.SeenIds.RemoveRange(0, forgotten);
        }
        await state.WriteOrStartOverAsync(this, forget: () => _seen = null);
    }

    public Task<IReadOnlyList<InboxEntry>> List(string? kind, DateTimeOffset? since, int limit) =>
        Task.FromResult<IReadOnlyList<InboxEntry>>(state.State.Entries
            .Where(e => kind is null || e.Kind == kind)
            .Where(e => since is null || e.At >= since)
            .Reverse()
            .Take(Math.Clamp(limit, 1, Capacity))
            .ToList());
}
