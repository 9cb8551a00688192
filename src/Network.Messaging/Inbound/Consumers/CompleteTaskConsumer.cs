using MassTransit;
using Network.Contracts.Messaging;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;

namespace Network.Messaging.Inbound.Consumers;

/// <summary>
/// A tenant's system answers a task a workflow opened for it. Allowed when the sender reaches the task's home tenant
/// or one of the tenants the task was assigned to; completing a task twice changes nothing the second time.
/// </summary>
public sealed class CompleteTaskConsumer(LinkTargets targets, IWorkflowInstanceReadModel readModel, IGrainFactory grains)
    : IConsumer<CompleteTask>
{
    public async Task Consume(ConsumeContext<CompleteTask> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (sender, _) = LinkMessageGuard.Admit(context);
        var message = context.Message;
        var instanceId = LinkMessageGuard.Required(message.InstanceId, "instanceId");
        var taskId = LinkMessageGuard.Required(message.TaskId, "taskId");
        var home = await targets.TenantAsync(message.HomeTenant, "homeTenant");
        var notFound = new MessageRefusedException($"No task '{taskId}' of instance '{instanceId}' in '{home}' is assigned to tenant '{sender.TenantId}'.");
        var row = await readModel.FindTaskAsync(TenantScopedKey.For(home, instanceId), taskId, context.CancellationToken) ?? throw notFound;
        var caller = sender.Caller;
        if (!caller.CanReach(home) && !row.AssigneeTenants.Select(TenantPath.Parse).Any(caller.CanReach))
        {
            throw notFound;
        }
        // The sender may not reach the home tenant's instance itself; the check above is what allows the call.
        using var __ = TenantCallContext.Enter(TenantCaller.System);
        var result = message.Result is { } given ? given.GetRawText() : "{}";
        await grains.GetGrain<IWorkflowInstanceGrain>(row.InstanceKey).CompleteTask(taskId, result);
    }
}
