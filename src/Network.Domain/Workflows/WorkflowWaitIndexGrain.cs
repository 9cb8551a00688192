using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// The instances of one tenant that wait for one event name: events reach exactly those, never a scan of instances.
/// Each instance keeps its entries current after every change; the instance's <c>where</c> does the fine correlation.
/// </summary>
public interface IWorkflowWaitIndexGrain : ITenantScopedGrain
{
    Task Wait(string instanceKey);

    Task StopWaiting(string instanceKey);

    Task<IReadOnlyList<string>> Waiting();
}

[GrainType("workflow-wait-index")]
public sealed class WorkflowWaitIndexGrain(
    [PersistentState("workflow-wait-index", StorageNames.Network)] IPersistentState<WorkflowWaitIndexGrain.State> state)
    : Grain, IWorkflowWaitIndexGrain
{
    public sealed class State
    {
        public SortedSet<string> Instances { get; set; } = new(StringComparer.Ordinal);
    }

    public static string KeyFor(TenantPath tenant, string eventName) => TenantScopedKey.For(tenant, "waits-for-" + eventName);

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
}
