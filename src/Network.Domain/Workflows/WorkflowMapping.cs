using Network.Contracts.Workflows;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>From the workflow instance grain's and the read model's types to the wire contracts.</summary>
public static class WorkflowMapping
{
    public static WorkflowTaskResource ToResource(this WorkflowTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new WorkflowTaskResource(
            task.Id, task.Step, task.AssignedTo, task.Title, task.DueAt, task.Status,
            task.ResultJson is null ? null : System.Text.Json.Nodes.JsonNode.Parse(task.ResultJson));
    }

    public static WorkflowInstanceSummaryResource ToListItem(this WorkflowInstanceListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new WorkflowInstanceSummaryResource(
            row.Id, TenantPath.Parse(row.HomeTenant).TenantId, row.DefinitionId, row.DefinitionVersion, row.Status,
            row.StartedAt, row.UpdatedAt, row.NextDueAt, row.OpenTasks, row.OpenIncidents);
    }

    /// <param name="listingTenant">The tenant whose list shows the task: its complete link goes through that tenant.</param>
    public static WorkflowTaskSummaryResource ToListItem(this WorkflowTaskListRow row, TenantPath listingTenant)
    {
        ArgumentNullException.ThrowIfNull(row);
        var home = TenantPath.Parse(row.HomeTenant).TenantId;
        return new WorkflowTaskSummaryResource(
            home, row.InstanceId, row.TaskId, row.DefinitionId, row.StepId, row.AssignedTo,
            row.AssigneeTenants.Select(a => TenantPath.Parse(a).TenantId).ToList(),
            row.Title, row.DueAt, row.Status, row.CreatedAt,
            $"/api/tenants/{listingTenant.TenantId}/tasks/{home}/{row.InstanceId}/{row.TaskId}:complete");
    }
}
