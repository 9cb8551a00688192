using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// One entry of the index of open waits (bookmarks): one tenant's waits for one event name — all of them when the
/// waits state no correlation, or only those whose correlation field has one value (e.g. <c>ProgressReported</c>
/// with <c>commitmentId = c-42</c>). An event reaches exactly the instances of the entries its data matches, never
/// a scan of instances. The entry's members are rows the instances write in their own units
/// (<see cref="StateKeySets.WaitingInstances"/>, owner: this grain's key). So are the events it keeps for waits that
/// do not exist yet (<see cref="StateLogs.KeptEvents"/>): a dispatch appends them without activating the entry
/// (<see cref="WorkflowWaitIndexGrain.KeepingIn"/>), and a new wait reads them straight from the table
/// (<see cref="WorkflowWaitIndexGrain.KeptAsync"/>). The grain's own state is what is left: on an event name's entry,
/// the fields waits correlate on.
/// </summary>
public interface IWorkflowWaitIndexGrain : ITenantScopedGrain
{
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
    [PersistentState("workflow-wait-index", StorageNames.Network)] IPersistentState<WorkflowWaitIndexGrain.State> state)
    : Grain, IWorkflowWaitIndexGrain
{
    /// <summary>The most events a new wait takes from one entry: its last ones (an entry is one correlation value, so this is generous).</summary>
    public const int MaxKept = 1000;

    /// <summary>
    /// The entry's correlation fields. Its kept events are not in it: each is a row of the kept-event table
    /// (<see cref="StateLogs.KeptEvents"/>). (Versions before the table kept them in a <c>kept</c> list here, and
    /// later versions counted them in a <c>keptStored</c> number; the schema script <c>kept_events_out_of_state</c>
    /// moved the list to the table, and the table's last row now numbers the next, so both are left unread.)
    /// </summary>
    public sealed class State
    {
        /// <summary>
        /// The waiting instances, as versions before the <c>workflow_wait</c> table kept them; the schema script that
        /// made the table copied them there, and the next write empties this.
        /// </summary>
        public SortedSet<string> Instances { get; set; } = new(StringComparer.Ordinal);

        public SortedSet<string> Fields { get; set; } = new(StringComparer.Ordinal);
    }

    /// <summary>The entry of an event name (its uncorrelated waits and its correlation fields).</summary>
    public static string KeyFor(TenantPath tenant, string eventName) => TenantScopedKey.For(tenant, "waits-for-" + eventName);

    /// <summary>
    /// The entry of one correlation value. The value is hashed: it may be long or hold any character, and the key
    /// only has to tell values apart (the wait's <c>where</c> still checks the event itself).
    /// </summary>
    /// <remarks>
    /// The key is <c>tenant|waits-for-event@field=</c> and the first 32 hex digits of the value's SHA-256. Made on the
    /// stack but for the key itself: every event's dispatch and every wait that opens or ends makes one.
    /// </remarks>
    public static string KeyFor(TenantPath tenant, string eventName, string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        const int ValueOnStack = 256;
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var rented = byteCount > ValueOnStack ? System.Buffers.ArrayPool<byte>.Shared.Rent(byteCount) : null;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        try
        {
            var utf8 = rented is null ? stackalloc byte[ValueOnStack] : rented;
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(value, utf8)], hash);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
        Span<char> hex = stackalloc char[32];
        Convert.TryToHexStringLower(hash[..16], hex, out _);
        // As TenantScopedKey.For(tenant, local id), in one string.
        return $"{tenant.Value}{TenantScopedKey.LocalSeparator}waits-for-{eventName}@{field}={(ReadOnlySpan<char>)hex}";
    }

    /// <summary>
    /// The events the entry <paramref name="entryKey"/> still keeps: its last <see cref="MaxKept"/> rows of the kept-event
    /// table that have not expired, oldest first. Read from the table, not asked of the grain: a wait opening in an
    /// entry of one correlation value (most waits) then activates nothing, and a row the entry appended is in the
    /// table once its write committed, which is when the entry acknowledges keeping it.
    /// </summary>
    public static async Task<IReadOnlyList<KeptEvent>> KeptAsync(IStateLogReader logs, string entryKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var stored = await logs.ReadLastAsync(StateLogs.KeptEvents, entryKey, MaxKept);
        return stored.Select(row => JsonSerializer.Deserialize<KeptEvent>(row.EntryJson, StoredStateJson.Options)!)
            .Where(k => k.KeepUntil > now)
            .ToList();
    }

    /// <summary>
    /// The append that keeps <paramref name="kept"/> in the entry <paramref name="entryKey"/> for waits created later,
    /// once per event id (<see cref="IStateLogWriter"/>): a row of the kept-event table, numbered after the entry's
    /// last. Written without the entry grain: keeping an event costs no activation, and any number of dispatches may
    /// keep in one entry. The caller keeps only what has not expired.
    /// </summary>
    public static OnceAppend KeepingIn(string entryKey, KeptEvent kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        return new OnceAppend(StateLogs.KeptEvents, entryKey, kept.EventId, kept.KeepUntil,
            JsonSerializer.Serialize(kept, StoredStateJson.Options));
    }

    /// <summary>Writes the state, dropping the member list an earlier version kept in it on the way.</summary>
    private async Task WriteAsync()
    {
        state.State.Instances.Clear();
        await state.WriteOrStartOverAsync(this);
    }

    /// <remarks>
    /// A new field is announced to the tenant's registry first (<see cref="IWorkflowRegistryGrain.WaitFieldsLearning"/>),
    /// then added: a dispatch that reads the catalog's new stamp asks <see cref="Lookup"/> again, and that call waits
    /// for this one to end (the grain takes one call at a time), so it gets the field. Announced and then not stored
    /// (a failed write), the field is only asked about once more for nothing; stored and not announced, a silo's
    /// <see cref="WaitLookupCache"/> could go on without it.
    /// </remarks>
    public async Task CorrelatesOn(string field)
    {
        if (state.State.Fields.Contains(field))
        {
            return;
        }
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            await GrainFactory.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(TenantScopedKey.TenantOf(this.GetPrimaryKeyString())))
                .WaitFieldsLearning();
        }
        state.State.Fields.Add(field);
        await WriteAsync();
    }

    public Task<WaitLookup> Lookup() => Task.FromResult(new WaitLookup(state.State.Fields.ToList()));
}
