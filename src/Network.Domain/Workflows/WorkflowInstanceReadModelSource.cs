using System.Text.Json;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

/// <summary>
/// Rebuilds workflow instance and task rows from stored instance state (see <see cref="IReadModelSource"/>), and wakes
/// the instances whose stored outbox still holds effects (a crash came before their receipt), so they go out again.
/// </summary>
public sealed class WorkflowInstanceReadModelSource(IWorkflowInstanceReadModel readModel, IGrainFactory grains) : IReadModelSource
{
    public string StateName => WorkflowInstanceGrain.Stored.StateName;

    public async Task ProjectAsync(string json, long version, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize<WorkflowInstanceGrain.Stored>(json, StoredStateJson.Options);
        if (stored is not { Instance: { } instance, HomeTenant.Length: > 0 })
        {
            return;
        }
        // The row carries the state's own write counter, as the grain's live writes do (not the storage version).
        var key = TenantScopedKey.For(TenantPath.Parse(stored.HomeTenant), instance.InstanceId);
        var (row, tasks) = WorkflowInstanceRows.For(key, stored, instance);
        await readModel.UpsertAsync(row, tasks, cancellationToken).ConfigureAwait(false);
        if (instance.Outbox.Count > 0 || (instance.IsEnded && stored.Parent is { Reported: false }))
        {
            // Activation hands the outbox to the dispatcher (see WorkflowInstanceGrain.OnActivateAsync).
            using var _ = TenantCallContext.Enter(TenantCaller.System);
            await grains.GetGrain<IWorkflowInstanceGrain>(key).Describe().ConfigureAwait(false);
        }
    }
}
