using System.Text.Json.Nodes;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

/// <summary>
/// The instance's side of the outbox: after each persisted change it hands its unacknowledged effects to the
/// tenant's dispatcher (one-way), forgets them when the receipt comes, and sends again what no receipt covered.
/// A child instance reports its end to its parent the same way.
/// </summary>
public sealed partial class WorkflowInstanceGrain
{
    /// <summary>How long an item handed to the dispatcher may stay without a receipt before it is sent again.</summary>
    private static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Items handed to the dispatcher in this activation and not yet acknowledged; null while there are none (most
    /// waiting instances: a set each would be 64 bytes of their heap).
    /// </summary>
    private HashSet<string>? _sent;

    private IGrainTimer? _resendTimer;

    public async Task<WorkflowInstanceSummary> StartChild(string definitionId, string inputsJson, string parentKey, string callId)
    {
        RequireEngine();
        if (_instance is null)
        {
            state.State.Parent = new ParentLink { Key = parentKey, CallId = callId };
        }
        return await Start(definitionId, inputsJson);
    }

    public async Task ChildEnded(string callId, string resultJson, string? failure)
    {
        RequireEngine();
        if (_instance is null)
        {
            return;
        }
        // The interpreter ignores the end of a call it no longer waits for (cancelled, or already reported).
        await ResumeAsync(new ChildCompleted(callId, JsonNode.Parse(resultJson), failure));
    }

    public async Task Acknowledge(WorkflowOutboxReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        RequireEngine();
        if (_instance is null)
        {
            return;
        }
        _sent?.ExceptWith(receipt.Done);
        var next = WorkflowInterpreter.Acknowledge(_instance, receipt.Done);
        var changed = !ReferenceEquals(next, _instance);
        foreach (var (taskId, tenants) in receipt.TaskAssignees)
        {
            if (!state.State.TaskAssignees.TryGetValue(taskId, out var known) || !known.SequenceEqual(tenants, StringComparer.Ordinal))
            {
                state.State.TaskAssignees[taskId] = tenants.ToList();
                changed = true;
            }
        }
        if (state.State.Parent is { Reported: false } parent && receipt.Done.Contains(ParentReportId()))
        {
            parent.Reported = true;
            changed = true;
        }
        if (changed)
        {
            await SaveAsync(next);
        }
    }

    /// <summary>Hands every unacknowledged item not already in flight to the dispatcher, and makes sure a resend follows.</summary>
    private async Task DispatchOutboxAsync()
    {
        var pending = PendingItems();
        if (pending.Count == 0)
        {
            _resendTimer?.Dispose();
            _resendTimer = null;
            _sent = null;
            return;
        }
        var sent = _sent ??= new HashSet<string>(StringComparer.Ordinal);
        var fresh = pending.Where(item => sent.Add(item.Id)).ToList();
        if (fresh.Count > 0)
        {
            var key = this.GetPrimaryKeyString();
            using var _ = TenantCallContext.Enter(TenantCaller.System);
            await GrainFactory.GetGrain<IWorkflowOutboxGrain>(WorkflowOutboxGrain.KeyFor(TenantScopedKey.TenantOf(key)))
                .Dispatch(key, _instance!.Inputs.ToJsonString(), fresh);
        }
        _resendTimer ??= this.RegisterGrainTimer(static (grain, _) => grain.ResendAsync(), this,
            new GrainTimerCreationOptions(ResendAfter, ResendAfter) { Interleave = false });
    }

    private Task ResendAsync()
    {
        _sent = null;
        return DispatchOutboxAsync();
    }

    private List<WorkflowOutboxItem> PendingItems()
    {
        if (_instance is null)
        {
            return [];
        }
        var items = _instance.Outbox.Select(WorkflowOutboxItem.From).ToList();
        if (_instance.IsEnded && state.State.Parent is { Reported: false } parent)
        {
            items.Add(ParentReport(parent, _instance));
        }
        return items;
    }

    private WorkflowOutboxItem ParentReport(ParentLink parent, WorkflowInstanceState ended)
    {
        // A child's variables are its result; a child that failed or was cancelled fails the parent's call step.
        var data = ended.Status == WorkflowStatus.Completed
            ? new JsonObject { ["result"] = ended.Variables.DeepClone() }
            : new JsonObject { ["error"] = $"child {ended.InstanceId} {ended.Status.ToString().ToLowerInvariant()}: {ended.Reason ?? "no reason given"}" };
        return new WorkflowOutboxItem(ParentReportId(), WorkflowOutboxItem.ChildEndedKind, parent.Key, null, data.ToJsonString(), parent.CallId,
            "", ended.EndedAt ?? ended.UpdatedAt);
    }

    private string ParentReportId() => this.GetPrimaryKeyString() + "/ended";

    /// <summary>
    /// The instance a call starts, in the caller's tenant: named after the caller and its call, so a resend starts
    /// nothing twice, and never longer than an id may be however deep the calls nest (<see cref="ChildInstanceIds"/>).
    /// </summary>
    public static string ChildKey(string parentKey, string callId) =>
        TenantScopedKey.For(TenantScopedKey.TenantOf(parentKey), ChildInstanceIds.For(TenantScopedKey.LocalIdOf(parentKey), callId));

    /// <summary>Outbox receipts, child starts and child ends come from the engine only, never from an API key.</summary>
    private static void RequireEngine()
    {
        if (TenantCallContext.Current is not { IsSystem: true })
        {
            throw new RoleForbiddenException("Only the workflow engine itself may do this.");
        }
    }
}
