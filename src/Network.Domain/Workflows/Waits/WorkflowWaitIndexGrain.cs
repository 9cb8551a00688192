using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Network.Domain.Storage;
using Network.Domain.Telemetry;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// One entry of the index of open waits (bookmarks): one tenant's waits for one event name — all of them when the
/// waits state no correlation, or only those whose correlation field has one value (e.g. <c>ProgressReported</c>
/// with <c>commitmentId = c-42</c>). An event reaches exactly the instances of the entries its data matches, never
/// a scan of instances. The entry's members are rows the instances write in their own units
/// (<see cref="StateKeySets.WaitingInstances"/>, owner: this grain's key); the grain keeps the rest: the events kept
/// for waits that do not exist yet, and on an event name's entry the fields waits correlate on.
/// </summary>
public interface IWorkflowWaitIndexGrain : ITenantScopedGrain
{
    /// <summary>The events this entry keeps for waits that did not exist yet: a new wait in it applies them (once each, by id).</summary>
    Task<IReadOnlyList<KeptEvent>> Kept();

    /// <summary>Keeps an event for waits created later (until its <see cref="KeptEvent.KeepUntil"/>); an event id already kept is ignored.</summary>
    Task Keep(KeptEvent kept);

    /// <summary>On an event name's entry: notes that some wait correlates on <paramref name="field"/>, so events are looked up by it.</summary>
    Task CorrelatesOn(string field);

    /// <summary>On an event name's entry: the fields waits correlate on.</summary>
    Task<WaitLookup> Lookup();
}

/// <summary>An event kept for a wait that does not exist yet: the first such wait takes it (its <c>where</c> still decides).</summary>
[GenerateSerializer, Immutable]
public sealed record KeptEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Name,
    [property: Id(2)] string DataJson,
    [property: Id(3)] DateTimeOffset KeepUntil);

/// <summary>Where to look for the instances an event may resume: the entries of these fields' values, besides the event name's own.</summary>
[GenerateSerializer, Immutable]
public sealed record WaitLookup([property: Id(0)] IReadOnlyList<string> Fields);

[GrainType("workflow-wait-index")]
public sealed class WorkflowWaitIndexGrain(
    [PersistentState("workflow-wait-index", StorageNames.Network)] IPersistentState<WorkflowWaitIndexGrain.State> state,
    IStateLogReader logs,
    TimeProvider clock,
    NetworkMetrics metrics)
    : Grain, IWorkflowWaitIndexGrain
{
    /// <summary>The most events one entry keeps; past it the oldest go (an entry is one correlation value, so this is generous).</summary>
    public const int MaxKept = 1000;

    /// <summary>
    /// The entry's correlation fields. Its kept events are not in it: each is a row of the
    /// kept-event table (<see cref="StateLogs.KeptEvents"/>), appended in the write that keeps it, so keeping an event
    /// costs the same however many the entry holds.
    /// </summary>
    public sealed class State : IAppendsRows
    {
        private readonly List<LogRow> _pendingKept = [];
        private readonly List<KeyRow> _pendingKeptIds = [];

        /// <summary>
        /// The waiting instances, as versions before the <c>workflow_wait</c> table kept them; the schema script that
        /// made the table copied them there, and the next write empties this.
        /// </summary>
        public SortedSet<string> Instances { get; set; } = new(StringComparer.Ordinal);

        public SortedSet<string> Fields { get; set; } = new(StringComparer.Ordinal);

        /// <summary>Events kept inside the state by versions before the kept-event table, oldest first; they move there at the next write.</summary>
        public List<KeptEvent> Kept { get; set; } = [];

        /// <summary>How many events the entry has put in the kept-event table (numbered 1 to this).</summary>
        public long KeptStored { get; set; }

        [System.Text.Json.Serialization.JsonIgnore]
        public IReadOnlyList<LogRow> PendingLogRows => _pendingKept;

        [System.Text.Json.Serialization.JsonIgnore]
        public IReadOnlyList<KeyRow> PendingKeyRows => _pendingKeptIds;

        public void RowsStored()
        {
            _pendingKept.Clear();
            _pendingKeptIds.Clear();
        }

        /// <summary>Queues the event (and any the state still holds) for the kept-event table, numbered after the stored ones.</summary>
        internal void KeepInTable(string entryKey, IEnumerable<KeptEvent> events)
        {
            foreach (var kept in events)
            {
                KeptStored++;
                _pendingKept.Add(new LogRow(StateLogs.KeptEvents, entryKey, KeptStored, kept.KeepUntil,
                    JsonSerializer.Serialize(kept, StoredStateJson.Options)));
                _pendingKeptIds.Add(new KeyRow(StateKeySets.KeptEventIds, entryKey, kept.EventId, kept.KeepUntil));
            }
        }
    }

    /// <summary>The entry of an event name (its uncorrelated waits and its correlation fields).</summary>
    public static string KeyFor(TenantPath tenant, string eventName) => TenantScopedKey.For(tenant, "waits-for-" + eventName);

    /// <summary>
    /// The entry of one correlation value. The value is hashed: it may be long or hold any character, and the key
    /// only has to tell values apart (the wait's <c>where</c> still checks the event itself).
    /// </summary>
    public static string KeyFor(TenantPath tenant, string eventName, string field, string value)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
        return TenantScopedKey.For(tenant, $"waits-for-{eventName}@{field}={hash}");
    }

    /// <summary>
    /// An entry of one correlation value is asked once by each wait that opens in it: it goes from memory after that
    /// call, so a waiting instance does not keep an entry in memory beside itself (its state is a few fields; reading
    /// it back is one row). Keeping an event leaves it in memory: events for one value come in bursts.
    /// </summary>
    private bool HoldsOneValue => this.GetPrimaryKeyString().Contains('@', StringComparison.Ordinal);

    public Task<IReadOnlyList<KeptEvent>> Kept()
    {
        LeaveMemoryIfOneValue();
        return KeptAsync();
    }

    public async Task Keep(KeptEvent kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        if (kept.KeepUntil <= clock.GetUtcNow() ||
            state.State.Kept.Exists(k => k.EventId == kept.EventId) ||
            await logs.ContainsAsync(StateKeySets.KeptEventIds, this.GetPrimaryKeyString(), kept.EventId))
        {
            return;
        }
        state.State.KeepInTable(this.GetPrimaryKeyString(), [kept]);
        await WriteAsync();
        metrics.EventKept(kept.Name);
    }

    /// <summary>Marks the activation to go once this call is done (Orleans deactivates it when idle).</summary>
    private void LeaveMemoryIfOneValue()
    {
        if (HoldsOneValue)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>The events still kept: the entry's last <see cref="MaxKept"/> rows of the table that have not expired, oldest first.</summary>
    private async Task<IReadOnlyList<KeptEvent>> KeptAsync()
    {
        var now = clock.GetUtcNow();
        var kept = state.State.Kept.Where(k => k.KeepUntil > now).ToList();
        var stored = await logs.ReadRangeAsync(StateLogs.KeptEvents, this.GetPrimaryKeyString(), state.State.KeptStored - MaxKept, state.State.KeptStored);
        kept.AddRange(stored.Select(row => JsonSerializer.Deserialize<KeptEvent>(row.EntryJson, StoredStateJson.Options)!).Where(k => k.KeepUntil > now));
        return kept.Count > MaxKept ? kept[^MaxKept..] : kept;
    }

    /// <summary>Writes the state, moving events an earlier version kept inside it to the table, and dropping its old member list, on the way.</summary>
    private async Task WriteAsync()
    {
        state.State.Instances.Clear();
        if (state.State.Kept.Count > 0)
        {
            var now = clock.GetUtcNow();
            state.State.KeepInTable(this.GetPrimaryKeyString(), state.State.Kept.Where(k => k.KeepUntil > now));
            state.State.Kept = [];
        }
        await state.WriteOrStartOverAsync(this);
    }

    public async Task CorrelatesOn(string field)
    {
        if (state.State.Fields.Add(field))
        {
            await WriteAsync();
        }
    }

    public Task<WaitLookup> Lookup() => Task.FromResult(new WaitLookup(state.State.Fields.ToList()));
}
