using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Network.Contracts.Messaging;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;

namespace Network.Messaging.Inbound.Consumers;

/// <summary>
/// A tenant's system answers a task a workflow opened for it, through the task service and its rule of who may
/// (<see cref="TaskRules.MayComplete"/>: the sender reaches the task's home tenant or one of the tenants it was
/// assigned to). Completing a task twice changes nothing the second time.
/// </summary>
public sealed class CompleteTaskConsumer(LinkTargets targets, TaskService tasks) : IConsumer<CompleteTask>
{
    public async Task Consume(ConsumeContext<CompleteTask> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (sender, appliedId) = LinkMessageGuard.Admit(context);
        var message = context.Message;
        var instanceId = LinkMessageGuard.Required(message.InstanceId, "instanceId");
        var taskId = LinkMessageGuard.Required(message.TaskId, "taskId");
        var home = await targets.TenantAsync(message.HomeTenant, "homeTenant");
        var result = message.Result switch
        {
            null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            { ValueKind: JsonValueKind.Object } given => JsonNode.Parse(given.GetRawText())!.AsObject(),
            _ => throw new MessageRefusedException("'result' must be a JSON object."),
        };
        using var __ = sender.Enter(appliedId);
        try
        {
            // The sender lists its own tenant's tasks: those of its home, and those its role was given.
            await tasks.CompleteAsync(sender.TenantId, home.TenantId, instanceId, taskId, result, context.CancellationToken);
        }
        catch (DomainNotFoundException)
        {
            throw new MessageRefusedException($"No task '{taskId}' of instance '{instanceId}' in '{home}' is assigned to tenant '{sender.TenantId}'.");
        }
    }
}
