using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Network.Domain.Audit;
using Network.Domain.Errors;
using Network.Domain.Links;
using Network.Domain.Notifications;
using Network.Domain.Tenancy;
using Network.Workflows.Runtime;
using Orleans.Concurrency;

namespace Network.Domain.Workflows;

/// <summary>
/// The in-process dispatcher of workflow outboxes (see <see cref="IWorkflowOutboxGrain"/>). Every item is safe to
/// carry out twice: events are applied once per id, child starts and inbox entries are keyed by id, so a resend
/// after a crash changes nothing.
/// </summary>
[StatelessWorker]
[GrainType("workflow-outbox")]
public sealed partial class WorkflowOutboxGrain(
    WorkflowTriggers triggers, WorkflowAudience audience, TenantLinkDelivery links, NotificationDelivery notifications,
    TimeProvider clock, ILogger<WorkflowOutboxGrain> logger)
    : Grain, IWorkflowOutboxGrain
{
    public static string KeyFor(TenantPath tenant) => TenantScopedKey.For(tenant, "outbox");

    public async Task Dispatch(string instanceKey, string inputsJson, IReadOnlyList<WorkflowOutboxItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        // What the engine does here is its own doing, not the change of whichever call woke the instance.
        using var notTheCallers = AuditOperation.Suspend();
        var home = TenantScopedKey.TenantOf(instanceKey);
        var inputs = JsonNode.Parse(inputsJson) as JsonObject ?? [];
        var done = new List<string>();
        var assignees = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            try
            {
                await CarryOutAsync(home, instanceKey, inputs, item, assignees);
                done.Add(item.Id);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // Left unacknowledged: the instance sends it again later. The items after it still go (each is independent).
                LogFailed(logger, error, item.Kind, item.Id, instanceKey);
            }
        }
        if (done.Count > 0)
        {
            await GrainFactory.GetGrain<IWorkflowInstanceGrain>(instanceKey).Acknowledge(new WorkflowOutboxReceipt(done, assignees));
        }
    }

    private async Task CarryOutAsync(TenantPath home, string instanceKey, JsonObject inputs, WorkflowOutboxItem item,
        Dictionary<string, IReadOnlyList<string>> assignees)
    {
        var data = item.DataJson is null ? null : JsonNode.Parse(item.DataJson);
        switch (item.Kind)
        {
            case OutboxKinds.Event:
                // Named after the message, so a resend starts nothing new; the id is made safe for instance ids.
                await triggers.DispatchAsync(home, item.Name!, data as JsonObject ?? [], item.Id.Replace('/', '-'), item.Id);
                if (TenantLinkDelivery.GoesOut(item.Name!))
                {
                    // On the bus too, for the home tenant and the owners of the commitment the instance follows.
                    var concerned = await audience.ResolveAsync(home, inputs, WorkflowAudience.Owners);
                    await links.DeliverAsync(concerned.Prepend(home), item.Name!, data as JsonObject ?? [], home, instanceKey, $"{home.Value}|{item.Id}", item.At);
                }
                break;
            case OutboxKinds.Notification or OutboxKinds.Escalation or OutboxKinds.Task:
                var tenants = await audience.ResolveAsync(home, inputs, item.To ?? WorkflowAudience.TenantCoordinator);
                var entry = InboxEntry.From(home, instanceKey, item, data);
                foreach (var tenant in tenants)
                {
                    using (AuditOperation.Enter(EngineLine(home, instanceKey, item, tenant, entry)))
                    {
                        await GrainFactory.GetGrain<ITenantInboxGrain>(TenantInboxGrain.KeyFor(tenant)).Add(entry);
                    }
                }
                // E-mail to the people behind those tenants: stored before the item is acknowledged, once per entry and address.
                await notifications.DeliverAsync(home, tenants, entry, inputs, data?["contacts"]?.GetValue<string>());
                if (item.Kind == OutboxKinds.Task && data?["taskId"]?.GetValue<string>() is { } taskId)
                {
                    assignees[taskId] = tenants.Select(t => t.Value).ToList();
                }
                if (LinkEventFor(instanceKey, inputs, item, entry) is { } linkEvent)
                {
                    await links.DeliverAsync(tenants, linkEvent.Name, linkEvent.Fields, home, instanceKey, $"{home.Value}|{item.Id}", item.At);
                }
                break;
            case OutboxKinds.Call:
                try
                {
                    await Child(instanceKey, item.CallId!).StartChild(item.Name!, item.DataJson ?? "{}", instanceKey, item.CallId!);
                }
                catch (DomainNotFoundException missing)
                {
                    // No such workflow here (e.g. a library file removed): the call fails, under its retry policy, then an incident.
                    await GrainFactory.GetGrain<IWorkflowInstanceGrain>(instanceKey).ChildEnded(item.CallId!, "null", missing.Message);
                }
                break;
            case OutboxKinds.CancelCall:
                await Child(instanceKey, item.CallId!).Cancel($"the calling instance's path was cancelled (call {item.CallId})");
                break;
            case WorkflowOutboxItem.ChildEndedKind:
                var report = data as JsonObject ?? [];
                await GrainFactory.GetGrain<IWorkflowInstanceGrain>(item.Name!)
                    .ChildEnded(item.CallId!, report["result"]?.ToJsonString() ?? "null", report["error"]?.GetValue<string>());
                break;
            default:
                throw new InvalidOperationException($"The outbox item kind '{item.Kind}' is not known to this host.");
        }
    }

    /// <summary>
    /// The audit line of an entry the engine puts in a tenant's inbox: named by the instance and its step, in the
    /// addressed tenant, with an id per item and tenant, so an item sent again (the entry is already there) adds none.
    /// </summary>
    private AuditEntry EngineLine(TenantPath home, string instanceKey, WorkflowOutboxItem item, TenantPath tenant, InboxEntry entry)
    {
        var action = item.Kind switch
        {
            OutboxKinds.Escalation => AuditActions.EngineEscalation,
            OutboxKinds.Task => AuditActions.EngineTask,
            _ => AuditActions.EngineNotification,
        };
        var target = item.Kind == OutboxKinds.Escalation
            ? $"instance/{TenantScopedKey.LocalIdOf(instanceKey)}/escalation/level-{entry.Level ?? 1}"
            : $"instance/{TenantScopedKey.LocalIdOf(instanceKey)}/{item.Kind}/{item.Id}";
        return new AuditEntry($"engine:{home.Value}|{item.Id}|{tenant.Value}", clock.GetUtcNow(), tenant.Value, tenant.TenantId,
            AuditActor.Engine(instanceKey, item.StepId), action, target, AuditOutcomes.Done, null,
            System.Diagnostics.Activity.Current?.TraceId.ToHexString());
    }

    /// <summary>What a tenant's link hears of an escalation or a task addressed to it (notifications stay in the inbox).</summary>
    private static (string Name, JsonObject Fields)? LinkEventFor(string instanceKey, JsonObject inputs, WorkflowOutboxItem item, InboxEntry entry)
    {
        var commitmentId = inputs["commitmentId"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
        var instanceId = TenantScopedKey.LocalIdOf(instanceKey);
        return item.Kind switch
        {
            OutboxKinds.Escalation => ("EscalationRaised", new JsonObject
            {
                ["instanceId"] = instanceId,
                ["level"] = entry.Level ?? 1,
                ["role"] = entry.To,
                ["message"] = entry.Message,
                ["commitmentId"] = commitmentId,
            }),
            OutboxKinds.Task => ("TaskAssigned", new JsonObject
            {
                ["instanceId"] = instanceId,
                ["taskId"] = entry.TaskId,
                ["title"] = entry.Message,
                ["dueAt"] = entry.DueAt,
                ["commitmentId"] = commitmentId,
            }),
            _ => null,
        };
    }

    private IWorkflowInstanceGrain Child(string parentKey, string callId) =>
        GrainFactory.GetGrain<IWorkflowInstanceGrain>(WorkflowInstanceGrain.ChildKey(parentKey, callId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not carry out outbox item {Kind} {Id} of {Instance}; it will be sent again")]
    private static partial void LogFailed(ILogger logger, Exception error, string kind, string id, string instance);
}
