using System.Text.Json.Nodes;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Workflows.Definitions;
using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

[GrainType("workflow-instance")]
public sealed class WorkflowInstanceGrain(
    [PersistentState("workflow-instance", StorageNames.Network)] IPersistentState<WorkflowInstanceGrain.Stored> state,
    IWorkflowDefinitions definitions,
    TimeProvider clock)
    : Grain, IWorkflowInstanceGrain
{
    private const string WakeReminder = "wake";

    /// <summary>The interpreter's state, kept as a JSON object inside the grain's row, so operators can read it.</summary>
    public sealed class Stored
    {
        public JsonObject? Instance { get; set; }
    }

    private WorkflowInstanceState? _instance;
    private IGrainTimer? _precisionTimer;

    /// <summary>
    /// The due moment this activation last set the wake reminder for (Due null: removed it); not Known until then.
    /// Every event of a name the instance waits for reaches it, most of them meant for others and ignored: without
    /// this, each would rewrite the reminder row, and put a reminder due within the minute off by another minute.
    /// </summary>
    private (bool Known, DateTimeOffset? Due) _wake;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _instance = state.State.Instance is { } stored ? WorkflowStateJson.Deserialize(stored.ToJsonString()) : null;
        return Task.CompletedTask;
    }

    public async Task<WorkflowInstanceSummary> Start(string definitionId, string inputsJson)
    {
        if (_instance is not null)
        {
            return Summary(_instance);
        }
        var definition = definitions.Find(definitionId)
            ?? throw new DomainNotFoundException($"There is no workflow '{definitionId}'.");
        var inputs = JsonNode.Parse(inputsJson) as JsonObject;
        var localId = TenantScopedKey.LocalIdOf(this.GetPrimaryKeyString());
        await SaveAsync(WorkflowInterpreter.Start(definition, inputs, null, clock.GetUtcNow(), localId));
        return Summary(_instance!);
    }

    public async Task<WorkflowInstanceSummary> Deliver(string eventName, string dataJson, string eventId)
    {
        var instance = _instance ?? throw new DomainNotFoundException($"There is no workflow instance '{this.GetPrimaryKeyString()}'.");
        await ResumeAsync(new EventReceived(eventName, JsonNode.Parse(dataJson), eventId));
        return Summary(_instance ?? instance);
    }

    public Task<WorkflowInstanceSummary?> Describe() => Task.FromResult(_instance is null ? null : Summary(_instance));

    public Task<IReadOnlyList<WorkflowJournalLine>> Journal() => Task.FromResult<IReadOnlyList<WorkflowJournalLine>>(
        (_instance?.Journal ?? []).Select(j => new WorkflowJournalLine(j.At, j.Kind, j.StepId, j.Why, j.Outcome, j.Inputs)).ToList());

    public Task<IReadOnlyList<WorkflowTaskInfo>> Tasks() => Task.FromResult<IReadOnlyList<WorkflowTaskInfo>>(
        (_instance?.Tasks ?? []).Select(ToInfo).ToList());

    public async Task<WorkflowTaskInfo> CompleteTask(string taskId, string resultJson)
    {
        RequireInstance();
        if (_instance!.Tasks.Find(t => t.Id == taskId) is null)
        {
            throw new DomainNotFoundException($"This instance has no task '{taskId}'.");
        }
        await ResumeAsync(new TaskCompleted(taskId, JsonNode.Parse(resultJson)));
        return ToInfo(_instance!.Tasks.Find(t => t.Id == taskId)!);
    }

    public Task<IReadOnlyList<WorkflowIncidentInfo>> Incidents() => Task.FromResult<IReadOnlyList<WorkflowIncidentInfo>>(
        (_instance?.Incidents ?? []).Select(i => new WorkflowIncidentInfo(i.Id, i.StepId, i.Error, i.Attempts, i.OpenedAt, i.Resolution)).ToList());

    public async Task<WorkflowInstanceSummary> ResolveIncident(string incidentId, string action)
    {
        RequireInstance();
        if (_instance!.Incidents.Find(i => i.Id == incidentId) is null)
        {
            throw new DomainNotFoundException($"This instance has no incident '{incidentId}'.");
        }
        WorkflowStimulus stimulus = action switch
        {
            "retry" => new RetryIncident(incidentId),
            "skip" => new SkipIncident(incidentId),
            "cancel" => new CancelInstance($"cancelled by an operator over incident {incidentId}"),
            _ => throw new DomainValidationException("action", $"'{action}' is not an answer to an incident: use retry, skip or cancel."),
        };
        await ResumeAsync(stimulus);
        return Summary(_instance!);
    }

    public async Task<WorkflowInstanceSummary> Cancel(string reason)
    {
        RequireInstance();
        await ResumeAsync(new CancelInstance(string.IsNullOrWhiteSpace(reason) ? "cancelled" : reason.Trim()));
        return Summary(_instance!);
    }

    private void RequireInstance()
    {
        if (_instance is null)
        {
            throw new DomainNotFoundException($"There is no workflow instance '{this.GetPrimaryKeyString()}'.");
        }
    }

    private static WorkflowTaskInfo ToInfo(HumanTask task) => new(
        task.Id, task.StepId, task.AssignedTo, task.Title, task.DueAt, task.Status.ToString().ToLowerInvariant(), task.Result?.ToJsonString());

    /// <summary>The reminder only wakes the grain; the interpreter decides what is due (a late or repeated tick fires nothing twice).</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => FireDueTimersAsync();

    private async Task FireDueTimersAsync()
    {
        if (_instance is null)
        {
            return;
        }
        await ResumeAsync(new TimersDue());
    }

    private async Task ResumeAsync(WorkflowStimulus stimulus)
    {
        var definition = definitions.Find(_instance!.DefinitionId)
            ?? throw new InvalidOperationException($"The definition '{_instance.DefinitionId}' of a running instance is gone.");
        var next = WorkflowInterpreter.Resume(definition, _instance, stimulus, clock.GetUtcNow());
        if (!ReferenceEquals(next, _instance))
        {
            await SaveAsync(next);
        }
        else
        {
            await ScheduleWakeAsync();
        }
    }

    /// <summary>
    /// Persists, with the wait index kept on the safe side of a crash: the instance is added to the index for its new
    /// waits before the state is written, and removed from the index for ended waits only after. A crash can leave
    /// an extra index entry (one ignored delivery), never a stored wait that events cannot find.
    /// </summary>
    private async Task SaveAsync(WorkflowInstanceState next)
    {
        var before = _instance is null ? [] : WaitedEvents(_instance);
        var after = WaitedEvents(next);
        await UpdateWaitIndexAsync(add: after.Except(before), remove: []);
        state.State.Instance = JsonNode.Parse(WorkflowStateJson.Serialize(next))!.AsObject();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        _instance = next;
        await UpdateWaitIndexAsync(add: [], remove: before.Except(after));
        await ScheduleWakeAsync();
    }

    private static HashSet<string> WaitedEvents(WorkflowInstanceState instance) =>
        instance.IsEnded ? [] : WorkflowInterpreter.Bookmarks(instance).Select(b => b.Event).ToHashSet(StringComparer.Ordinal);

    private async Task UpdateWaitIndexAsync(IEnumerable<string> add, IEnumerable<string> remove)
    {
        var key = this.GetPrimaryKeyString();
        var home = TenantScopedKey.TenantOf(key);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        foreach (var name in add)
        {
            await GrainFactory.GetGrain<IWorkflowWaitIndexGrain>(WorkflowWaitIndexGrain.KeyFor(home, name)).Wait(key);
        }
        foreach (var name in remove)
        {
            await GrainFactory.GetGrain<IWorkflowWaitIndexGrain>(WorkflowWaitIndexGrain.KeyFor(home, name)).StopWaiting(key);
        }
    }

    /// <summary>
    /// A reminder (durable, at most once a minute) wakes the grain near the due time, even after a restart; a grain
    /// timer then fires at the exact moment while the grain is active.
    /// </summary>
    private async Task ScheduleWakeAsync()
    {
        _precisionTimer?.Dispose();
        _precisionTimer = null;
        var due = _instance is { IsEnded: false } ? WorkflowInterpreter.NextDueAt(_instance) : null;
        if (due is null)
        {
            if (_wake is not { Known: true, Due: null } && await this.GetReminder(WakeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            _wake = (true, null);
            return;
        }
        var wait = due.Value - clock.GetUtcNow();
        if (_wake != (true, due))
        {
            await this.RegisterOrUpdateReminder(WakeReminder, wait < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait, TimeSpan.FromMinutes(1));
            _wake = (true, due);
        }
        if (wait < TimeSpan.FromMinutes(2))
        {
            _precisionTimer = this.RegisterGrainTimer(static (grain, _) => grain.FireDueTimersAsync(), this,
                new GrainTimerCreationOptions(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan) { Interleave = false });
        }
    }

    private static WorkflowInstanceSummary Summary(WorkflowInstanceState instance) => new(
        instance.InstanceId, instance.DefinitionId, instance.DefinitionVersion,
        instance.Status.ToString().ToLowerInvariant(), instance.StartedAt, instance.UpdatedAt,
        instance.IsEnded ? null : WorkflowInterpreter.NextDueAt(instance),
        instance.Paths.Where(p => p.Wait is not null).Select(p => p.StepId).ToList());
}
