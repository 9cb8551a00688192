using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

/// <summary>The read-model rows of one stored instance: what the grain writes after each change and a rebuild writes from storage.</summary>
internal static class WorkflowInstanceRows
{
    public static (WorkflowInstanceListRow Instance, IReadOnlyList<WorkflowTaskListRow> Tasks) For(
        string key, WorkflowInstanceGrain.Stored stored, WorkflowInstanceState instance)
    {
        var home = TenantScopedKey.TenantOf(key).Value;
        var row = new WorkflowInstanceListRow(
            key, instance.InstanceId, home, instance.DefinitionId, instance.DefinitionVersion,
            WorkflowListStatuses.Of(instance.Status), instance.StartedAt, instance.UpdatedAt,
            instance.IsEnded ? null : WorkflowInterpreter.NextDueAt(instance),
            instance.OpenTasks.Count(), instance.OpenIncidents.Count(), stored.Version);
        var tasks = instance.Tasks.Select(t => new WorkflowTaskListRow(
            key, instance.InstanceId, home, instance.DefinitionId, t.Id, t.StepId, t.AssignedTo,
            stored.TaskAssignees.TryGetValue(t.Id, out var tenants) ? [.. tenants] : [home],
            t.Title, t.DueAt, WorkflowListStatuses.Of(t.Status), t.CreatedAt, t.ClosedAt, stored.Version)).ToList();
        return (row, tasks);
    }
}
