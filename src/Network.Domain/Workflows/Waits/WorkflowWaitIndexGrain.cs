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
    Task Wait(string instanceKey);

    Task StopWaiting(string instanceKey);

    Task<IReadOnlyList<string>> Waiting();

    /// <summary>On an event name's entry: notes that some wait correlates on <paramref name="field"/>, so events are looked up by it.</summary>
    Task CorrelatesOn(string field);

    /// <summary>On an event name's entry: the instances waiting without correlation, and the fields waits correlate on.</summary>
    Task<WaitLookup> Lookup();
}

/// <summary>Where to look for the instances an event may resume.</summary>
[GenerateSerializer, Immutable]
public sealed record WaitLookup(
    [property: Id(0)] IReadOnlyList<string> Uncorrelated,
    [property: Id(1)] IReadOnlyList<string> Fields);

[GrainType("workflow-wait-index")]
public sealed class WorkflowWaitIndexGrain(
    [PersistentState("workflow-wait-index", StorageNames.Network)] IPersistentState<WorkflowWaitIndexGrain.State> state)
    : Grain, IWorkflowWaitIndexGrain
{
    public sealed class State
    {
        public SortedSet<string> Instances { get; set; } = new(StringComparer.Ordinal);

        public SortedSet<string> Fields { get; set; } = new(StringComparer.Ordinal);
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

    public async Task Wait(string instanceKey)
    {
        if (state.State.Instances.Add(instanceKey))
        {
            await state.WriteStateAsync();
        }
    }

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
