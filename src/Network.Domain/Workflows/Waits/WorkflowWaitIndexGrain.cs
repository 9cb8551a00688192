using System.Security.Cryptography;
using System.Text;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// One entry of the index of open waits (bookmarks): the instances of one tenant that wait for one event name —
/// all of them when the waits state no correlation, or only those whose correlation field has one value (e.g.
/// <c>ProgressReported</c> with <c>commitmentId = c-42</c>). An event reaches exactly the instances of the entries
/// its data matches, never a scan of instances, and each entry stays small however many instances wait.
/// </summary>
public interface IWorkflowWaitIndexGrain : ITenantScopedGrain
{
    /// <summary>Adds an instance's wait, and answers the events this entry keeps for waits that did not exist yet.</summary>
    Task<IReadOnlyList<KeptEvent>> Wait(string instanceKey);

    /// <summary>Keeps an event for waits created later (until its <see cref="KeptEvent.KeepUntil"/>); an event id already kept is ignored.</summary>
    Task Keep(KeptEvent kept);

    Task StopWaiting(string instanceKey);

    Task<IReadOnlyList<string>> Waiting();

    /// <summary>On an event name's entry: notes that some wait correlates on <paramref name="field"/>, so events are looked up by it.</summary>
    Task CorrelatesOn(string field);

    /// <summary>On an event name's entry: the instances waiting without correlation, and the fields waits correlate on.</summary>
    Task<WaitLookup> Lookup();
}

/// <summary>An event kept for a wait that does not exist yet: the first such wait takes it (its <c>where</c> still decides).</summary>
[GenerateSerializer, Immutable]
public sealed record KeptEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Name,
    [property: Id(2)] string DataJson,
    [property: Id(3)] DateTimeOffset KeepUntil);

/// <summary>Where to look for the instances an event may resume.</summary>
[GenerateSerializer, Immutable]
public sealed record WaitLookup(
    [property: Id(0)] IReadOnlyList<string> Uncorrelated,
    [property: Id(1)] IReadOnlyList<string> Fields);

[GrainType("workflow-wait-index")]
public sealed class WorkflowWaitIndexGrain(
    [PersistentState("workflow-wait-index", StorageNames.Network)] IPersistentState<WorkflowWaitIndexGrain.State> state,
    TimeProvider clock)
    : Grain, IWorkflowWaitIndexGrain
{
    /// <summary>The most events one entry keeps; past it the oldest go (an entry is one correlation value, so this is generous).</summary>
    public const int MaxKept = 1000;

    public sealed class State
    {
        public SortedSet<string> Instances { get; set; } = new(StringComparer.Ordinal);

        public SortedSet<string> Fields { get; set; } = new(StringComparer.Ordinal);

        /// <summary>Oldest first.</summary>
        public List<KeptEvent> Kept { get; set; } = [];
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

    public async Task<IReadOnlyList<KeptEvent>> Wait(string instanceKey)
    {
        var pruned = Prune();
        if (state.State.Instances.Add(instanceKey) || pruned)
        {
            await state.WriteStateAsync();
        }
        return state.State.Kept.ToList();
    }

    public async Task Keep(KeptEvent kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        Prune();
        if (kept.KeepUntil <= clock.GetUtcNow() || state.State.Kept.Exists(k => k.EventId == kept.EventId))
        {
            return;
        }
        state.State.Kept.Add(kept);
        if (state.State.Kept.Count > MaxKept)
        {
            state.State.Kept.RemoveRange(0, state.State.Kept.Count - MaxKept);
        }
        await state.WriteStateAsync();
    }

    /// <summary>Drops expired events (in memory; the next write stores it). True when some were dropped.</summary>
    private bool Prune() => state.State.Kept.RemoveAll(k => k.KeepUntil <= clock.GetUtcNow()) > 0;

    public async Task StopWaiting(string instanceKey)
    {
        if (state.State.Instances.Remove(instanceKey))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> Waiting() => Task.FromResult<IReadOnlyList<string>>(state.State.Instances.ToList());

    public async Task CorrelatesOn(string field)
    {
        if (state.State.Fields.Add(field))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<WaitLookup> Lookup() => Task.FromResult(new WaitLookup(state.State.Instances.ToList(), state.State.Fields.ToList()));
}
