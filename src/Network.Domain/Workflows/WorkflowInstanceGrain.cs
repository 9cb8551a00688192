using System.Diagnostics;
using System.Text.Json.Nodes;
using Network.Domain.Audit;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Storage;
using Network.Domain.Telemetry;
using Network.Domain.Tenancy;
using Network.Workflows.Definitions;
using Network.Workflows.Runtime;
using Network.Workflows.Runtime.Migration;

namespace Network.Domain.Workflows;

[GrainType("workflow-instance")]
public sealed partial class WorkflowInstanceGrain(
    [PersistentState(WorkflowInstanceGrain.Stored.StateName, StorageNames.Network)] IPersistentState<WorkflowInstanceGrain.Stored> state,
    WorkflowDefinitionResolver definitions,
    IWorkflowInstanceReadModel readModel,
    IStateLogReader logs,
    WaitMembersHints waitHints,
    TimeProvider clock,
    NetworkMetrics metrics)
    : Grain, IWorkflowInstanceGrain, IIncomingGrainCallFilter
{
    private const string WakeReminder = "wake";

    /// <summary>
    /// The interpreter's state, kept as JSON inside the grain's row, so operators can read it. Its journal lines and
    /// applied event ids are not in it: each write moves them to their tables (<see cref="StateLogs.WorkflowJournal"/>,
    /// <see cref="StateKeySets.AppliedEventIds"/>).
    /// </summary>
    public sealed class Stored : IAppendsRows
    {
        public const string StateName = "workflow-instance";

        // Made on first use and dropped once stored: thousands of instances wait in memory between writes, and
        // three idle buffers each would cost them about a tenth of their heap.
        private List<LogRow>? _pendingJournal;
        private List<KeyRow>? _pendingKeys;
        private List<KeyRow>? _pendingClaims;
        private List<KeyRow>? _pendingKeyRemovals;
        private Dictionary<string, List<string>>? _taskAssignees;
        private IStateCompanion? _companion;

        /// <summary>The rows of journal lines the next write appends to the journal table (<see cref="JournalRows"/>).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public IReadOnlyList<LogRow> PendingLogRows => _pendingJournal ?? [];

        /// <summary>Applied event ids and opened waits the next write adds to their tables.</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public IReadOnlyList<KeyRow> PendingKeyRows => _pendingKeys ?? [];

        /// <summary>The id of the event the next write applies, which must not be in the applied-ids table yet.</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public IReadOnlyList<KeyRow> PendingClaims => _pendingClaims ?? [];

        /// <summary>Ended waits the next write removes from the wait index.</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public IReadOnlyList<KeyRow> PendingKeyRemovals => _pendingKeyRemovals ?? [];

        /// <summary>The instance's list row, written in the next write's unit when the read model can (see <see cref="IStateCompanion"/>).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public IStateCompanion? PendingCompanion => _companion;

        internal void ListWithThisWrite(IStateCompanion? companion) => _companion = companion;

        public void RowsStored()
        {
            _companion = null;
            _pendingJournal = null;
            _pendingKeys = null;
            _pendingClaims = null;
            _pendingKeyRemovals = null;
        }

        /// <summary>
        /// Makes the state held between steps smaller in memory: lets go of its empty collections, and compacts the
        /// instance's (<see cref="WorkflowInstanceState.Compact"/>).
        /// </summary>
        internal void Compact()
        {
            EmptyCollections.LetGo(ref _taskAssignees);
            Instance?.Compact();
        }

        /// <summary>
        /// The ids join the applied-ids table with the next write; <paramref name="claimed"/>, the ids of the events the
        /// write applies, as claims (<see cref="IAppendsRows.PendingClaims"/>): the write fails if one is there already.
        /// </summary>
        internal void AddAppliedEventIds(string instanceKey, IEnumerable<string> ids, DateTimeOffset at, IReadOnlyCollection<string> claimed)
        {
            // Once each: a step can remember an id twice (kept, then taken by a wait it opened), and a second claim of
            // the same id in one write would find the first.
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                var row = new KeyRow(StateKeySets.AppliedEventIds, instanceKey, id, at);
                if (claimed.Contains(id, StringComparer.Ordinal))
                {
                    (_pendingClaims ??= []).Add(row);
                }
                else
                {
                    (_pendingKeys ??= []).Add(row);
                }
            }
        }

        /// <summary>The instance joins the wait-index entries of its new waits and leaves those of its ended ones, with this write.</summary>
        internal void MoveWaits(string instanceKey, IEnumerable<string> openedEntries, IEnumerable<string> endedEntries, DateTimeOffset at)
        {
            (_pendingKeys ??= []).AddRange(openedEntries.Select(entry => new KeyRow(StateKeySets.WaitingInstances, entry, instanceKey, at)));
            (_pendingKeyRemovals ??= []).AddRange(endedEntries.Select(entry => new KeyRow(StateKeySets.WaitingInstances, entry, instanceKey, at)));
        }

        internal void AppendJournal(string instanceKey, IReadOnlyList<JournalEntry> lines)
        {
            foreach (var row in JournalRows.For(instanceKey, lines))
            {
                (_pendingJournal ??= []).Add(row);
            }
        }

        /// <summary>
        /// The interpreter's state itself (the activation works on this very object): written as the same JSON
        /// <see cref="WorkflowStateJson"/> gives, once per write, and never held twice in memory.
        /// </summary>
        public WorkflowInstanceState? Instance { get; set; }

        /// <summary>Path of the tenant that published the definition the instance runs; null for the network's library.</summary>
        public string? DefinitionOwner { get; set; }

        /// <summary>Path of the tenant the instance runs for (its key's first part), so a rebuild can find the key.</summary>
        public string HomeTenant { get; set; } = "";

        /// <summary>Counts the writes, so read-model rows only move forward whatever the storage's ETags are.</summary>
        public long Version { get; set; }

        /// <summary>
        /// The tenant paths each task's role meant when the task was assigned (task id → paths, from the outbox
        /// dispatcher's receipt), kept with the state so the task lists can be rebuilt from storage alone.
        /// </summary>
        public Dictionary<string, List<string>> TaskAssignees
        {
            get => _taskAssignees ??= new(StringComparer.Ordinal);
            set => _taskAssignees = value;
        }

        /// <summary>The instance that called this one as a child, if any: it is told when this one ends.</summary>
        public ParentLink? Parent { get; set; }
    }

    /// <summary>Who called a child instance: the parent's key and the id of its call; <see cref="Reported"/> once the parent knows the end.</summary>
    public sealed class ParentLink
    {
        public string Key { get; set; } = "";
        public string CallId { get; set; } = "";
        public bool Reported { get; set; }
    }

    private WorkflowInstanceState? _instance;
    private WorkflowDefinition? _definition;
    private IGrainTimer? _precisionTimer;

    // The due time the wake reminder was last set for in this activation (known once set or cleared here).
    private bool _reminderKnown;
    private DateTimeOffset? _reminderDue;

    /// <summary>
    /// This activation's last list write had no tasks: the next one without tasks leaves the task rows alone (two
    /// statements fewer on most steps). False at activation, when it is not known (unless nothing is stored yet).
    /// </summary>
    private bool _listedWithoutTasks;

    /// <summary>
    /// After every call, the state held until the next one is compacted (<see cref="Stored.Compact"/>): reading a
    /// state (a summary, a step's copy) makes its empty collections again, and most of a waiting instance's are empty.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.Invoke();
        }
        finally
        {
            state.State.Compact();
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _instance = state.State.Instance;
        if (!state.RecordExists)
        {
            // Nothing stored, so no reminder either (one is only set after the state it wakes was written): a new
            // instance's first write need not read the reminder table to find none.
            (_reminderKnown, _reminderDue) = (true, null);
        }
        await EnsureWakeReminderAsync();
        // Effects a crash (or a deactivation) left unacknowledged go out again; their consumers drop repeats.
        await DispatchOutboxAsync();
    }

    /// <summary>
    /// A crash after the state was written and before its reminder was set would leave a due timer with nothing to
    /// wake the instance (and a call sent again finds the state written and sets nothing): an instance with a due
    /// time that finds no reminder at activation sets it. One read of the reminder table, only for instances with
    /// a due time; a reminder left over without one is harmless (its tick finds nothing due).
    /// </summary>
    private async Task EnsureWakeReminderAsync()
    {
        var due = _instance is { IsEnded: false } ? WorkflowInterpreter.NextDueAt(_instance) : null;
        if (due is not null && await this.GetReminder(WakeReminder) is null)
        {
            await ScheduleWakeAsync();
        }
    }

    public async Task<WorkflowInstanceSummary> Start(string definitionId, string inputsJson)
    {
        if (_instance is not null)
        {
            return Summary(_instance);
        }
        var key = this.GetPrimaryKeyString();
        var resolved = await definitions.ResolveAsync(TenantScopedKey.TenantOf(key), definitionId)
            ?? throw new DomainNotFoundException($"There is no workflow '{definitionId}'.");
        var inputs = JsonNode.Parse(inputsJson) as JsonObject;
        _definition = resolved.Definition;
        state.State.DefinitionOwner = resolved.Owner?.Value;
        await SaveAsync(WorkflowInterpreter.Start(resolved.Definition, inputs, resolved.Settings, clock.GetUtcNow(), TenantScopedKey.LocalIdOf(key)));
        return Summary(_instance!);
    }

    public Task<WorkflowInstanceSummary> Deliver(string eventName, string dataJson, string eventId) =>
        DeliverMany([new EventDelivery(eventName, dataJson, eventId, Activity.Current?.Id, AuditOperation.Current)]);

    public async Task<WorkflowInstanceSummary> DeliverMany(IReadOnlyList<EventDelivery> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var instance = _instance ?? throw new DomainNotFoundException($"There is no workflow instance '{this.GetPrimaryKeyString()}'.");
        for (var next = 0; next < events.Count;)
        {
            next += await ApplyTogetherAsync(events, next);
        }
        return Summary(_instance ?? instance);
    }

    /// <summary>
    /// Applies the events from <paramref name="from"/> on to the instance, in order, and stores those that changed it
    /// in one write that claims their ids. It stops after an event that changes what the instance waits for: the
    /// events before it changed no wait, so the write moves the instance in the wait index and takes the events kept
    /// for its new waits (<see cref="SaveAsync"/>) exactly as that event's own write would have, before the next
    /// event is applied. Returns how many events it went through.
    /// </summary>
    /// <param name="askAppliedIds">
    /// Ask the applied-ids table for each event first: after a write that claimed several ids found one of them
    /// applied before, not knowing which.
    /// </param>
    private async Task<int> ApplyTogetherAsync(IReadOnlyList<EventDelivery> events, int from, bool askAppliedIds = false)
    {
        var definition = await DefinitionAsync();
        var current = _instance!;
        var waits = WaitEntries(current);
        var currentWaits = waits;
        var applied = new List<EventDelivery>();
        var through = from;
        while (through < events.Count)
        {
            var delivery = events[through++];
            if (askAppliedIds && await logs.ContainsAsync(StateKeySets.AppliedEventIds, this.GetPrimaryKeyString(), delivery.EventId))
            {
                continue;
            }
            WorkflowInstanceState next;
            using (WorkflowTraces.Continue(delivery.TraceParent))
            {
                next = WorkflowInterpreter.Resume(definition, current,
                    new EventReceived(delivery.Name, JsonNode.Parse(delivery.DataJson), delivery.EventId), clock.GetUtcNow());
            }
            if (ReferenceEquals(next, current))
            {
                continue;
            }
            current = next;
            applied.Add(delivery);
            currentWaits = WaitEntries(current);
            if (!currentWaits.SetEquals(waits))
            {
                break;
            }
        }
        if (applied.Count == 0)
        {
            await ScheduleWakeAsync();
            return through - from;
        }
        var names = applied.Select(a => a.Name).Distinct(StringComparer.Ordinal).ToList();
        var stored = await SaveAsync(current, names.Count == 1 ? names[0] : null, [.. applied.Select(a => a.EventId)],
            [.. applied.Select(a => a.Audit).OfType<AuditEntry>()], (waits, currentWaits));
        if (!stored && applied.Count > 1 && !askAppliedIds)
        {
            return await ApplyTogetherAsync(events, from, askAppliedIds: true);
        }
        return through - from;
    }

    public Task<WorkflowInstanceSummary?> Describe() => Task.FromResult(_instance is null ? null : Summary(_instance));

    public Task<IReadOnlyList<WorkflowJournalLine>> Journal() => JournalPage(0, int.MaxValue);

    /// <summary>The lines in the journal table, then any the state still holds (new, or stored before the table existed).</summary>
    public async Task<IReadOnlyList<WorkflowJournalLine>> JournalPage(long afterSeq, int limit)
    {
        if (_instance is null || limit < 1)
        {
            return [];
        }
        var stored = await JournalRows.ReadAsync(logs, this.GetPrimaryKeyString(), afterSeq, _instance.JournalStored, limit);
        var lines = stored.ConvertAll(ToLine);
        lines.AddRange(_instance.Journal.Where(line => line.Seq > afterSeq).Take(limit - lines.Count).Select(ToLine));
        return lines;
    }

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

    public async Task<WorkflowMigrationOutcome> Migrate(int toVersion, IReadOnlyDictionary<string, string> stepMapping, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(stepMapping);
        RequireInstance();
        var instance = _instance!;
        var from = await DefinitionAsync();
        var home = TenantScopedKey.TenantOf(this.GetPrimaryKeyString());
        var target = (await definitions.VersionsAsync(home, instance.DefinitionId)).FirstOrDefault(v => v.Version == toVersion);
        var to = target is null ? null : await definitions.FindVersionAsync(target.Owner, instance.DefinitionId, toVersion);
        if (to is null)
        {
            return new WorkflowMigrationOutcome(Summary(instance), false,
                [new WorkflowMigrationProblem("unknown-version", null, $"'{instance.DefinitionId}' has no version {toVersion} that this tenant can see.")]);
        }
        var result = WorkflowMigration.Migrate(from, to, instance, stepMapping, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return new WorkflowMigrationOutcome(Summary(instance), false,
                result.Errors.Select(e => new WorkflowMigrationProblem(e.Code, e.StepId, e.Message)).ToList());
        }
        if (dryRun)
        {
            return new WorkflowMigrationOutcome(Summary(result.State), false, []);
        }
        _definition = to;
        state.State.DefinitionOwner = target!.Owner?.Value;
        await SaveAsync(result.State);
        return new WorkflowMigrationOutcome(Summary(_instance!), true, []);
    }

    private void RequireInstance()
    {
        if (_instance is null)
        {
            throw new DomainNotFoundException($"There is no workflow instance '{this.GetPrimaryKeyString()}'.");
        }
    }

    internal static WorkflowJournalLine ToLine(JournalEntry j) => new(j.At, j.Kind, j.StepId, j.Why, j.Outcome, j.Inputs, j.TraceId, j.Seq);

    internal static WorkflowTaskInfo ToInfo(HumanTask task) => new(
        task.Id, task.StepId, task.AssignedTo, task.Title, task.DueAt, task.Status.ToString().ToLowerInvariant(), task.Result?.ToJsonString());

    /// <summary>The reminder only wakes the grain; the interpreter decides what is due (a late or repeated tick fires nothing twice).</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_instance is { } instance && (instance.IsEnded || WorkflowInterpreter.NextDueAt(instance) is null))
        {
            // A reminder ticks where none is wanted (one left over, say, by a state that was removed and begun again):
            // what this activation believed of it is wrong, so the next look at the reminder reads it, and removes it.
            _reminderKnown = false;
        }
        return FireDueTimersAsync();
    }

    private async Task FireDueTimersAsync()
    {
        if (_instance is null)
        {
            return;
        }
        await ResumeAsync(new TimersDue());
    }

    /// <param name="askAppliedIds">
    /// Ask the applied-ids table before applying an event. An event applied before the last write is there, not in
    /// the state. Without asking, the write that applies the event claims its id (<see cref="SaveAsync"/>) and stores
    /// nothing if it was there: one read fewer per event, and redeliveries are rare. Events kept for waits that open
    /// during a write are asked about, since they are applied inside that write's call, after it stored.
    /// </param>
    private async Task ResumeAsync(WorkflowStimulus stimulus, bool askAppliedIds = false)
    {
        var eventId = (stimulus as EventReceived)?.EventId;
        if (askAppliedIds && eventId is not null &&
            await logs.ContainsAsync(StateKeySets.AppliedEventIds, this.GetPrimaryKeyString(), eventId))
        {
            await ScheduleWakeAsync();
            return;
        }
        var definition = await DefinitionAsync();
        var next = WorkflowInterpreter.Resume(definition, _instance!, stimulus, clock.GetUtcNow());
        if (!ReferenceEquals(next, _instance))
        {
            await SaveAsync(next, (stimulus as EventReceived)?.Name, eventId is null ? null : [eventId]);
        }
        else
        {
            await ScheduleWakeAsync();
        }
    }

    /// <summary>The exact version the instance runs (published versions never change, so it is kept for the activation).</summary>
    private async Task<WorkflowDefinition> DefinitionAsync()
    {
        var instance = _instance!;
        if (_definition is { } known && known.Id == instance.DefinitionId && known.Version == instance.DefinitionVersion)
        {
            return known;
        }
        var owner = state.State.DefinitionOwner is { } path ? TenantPath.Parse(path) : (TenantPath?)null;
        _definition = await definitions.FindVersionAsync(owner, instance.DefinitionId, instance.DefinitionVersion)
            ?? throw new InvalidOperationException(
                $"Version {instance.DefinitionVersion} of '{instance.DefinitionId}' ({owner?.Value ?? "library"}), which a running instance runs, is gone.");
        return _definition;
    }

    /// <summary>
    /// Persists the step as one unit: the state, its journal lines and applied event ids, and the instance's moves in
    /// the wait index (rows of the entries its new waits open in, removal from those of the waits that ended), so the
    /// index is always exactly what the stored instance waits for, whatever crashes when.
    /// </summary>
    /// <param name="eventName">The event the change took, if it took events of one name (for the metrics).</param>
    /// <param name="eventIds">
    /// The ids of the events the change applied, claimed by the write: if one is in the applied-ids table already, that
    /// event was applied before, nothing is stored, memory goes back to what is stored, and false is returned.
    /// </param>
    /// <param name="audits">
    /// The audit lines of the calls whose events the change applied (<see cref="EventDelivery.Audit"/>); null for the
    /// current call's.
    /// </param>
    /// <returns>False when a claim was taken and nothing was stored.</returns>
    /// <param name="waits">
    /// The wait-index entries of the stored instance and of <paramref name="next"/>, where the caller has them already
    /// (they are found from the instance's bookmarks, a few hundred bytes each time, on every event).
    /// </param>
    private async Task<bool> SaveAsync(WorkflowInstanceState next, string? eventName = null, IReadOnlyCollection<string>? eventIds = null,
        IReadOnlyList<AuditEntry>? audits = null, (HashSet<WaitIndexEntry> Before, HashSet<WaitIndexEntry> After)? waits = null)
    {
        var previous = _instance;
        var key = this.GetPrimaryKeyString();
        var home = TenantScopedKey.TenantOf(key);
        var before = waits?.Before ?? (_instance is null ? [] : WaitEntries(_instance));
        var after = waits?.After ?? WaitEntries(next);
        var opened = after.Except(before).ToList();
        await RegisterCorrelationFieldsAsync(home, opened);
        // The new journal lines and applied event ids leave the state for their tables in the same write, so the
        // stored state does not grow with the instance's history.
        var journal = next.TakeJournal();
        state.State.AppendJournal(key, journal);
        state.State.AddAppliedEventIds(key, next.TakeAppliedEventIds(), next.UpdatedAt, claimed: eventIds ?? []);
        var openedEntries = opened.ConvertAll(e => e.GrainKey(home));
        var endedEntries = before.Except(after).Select(e => e.GrainKey(home)).ToList();
        state.State.MoveWaits(key, openedEntries, endedEntries, next.UpdatedAt);
        state.State.Instance = next;
        state.State.Version++;
        // One string per tenant, not one per instance: tenants are few, waiting instances many.
        state.State.HomeTenant = string.Intern(home.Value);
        // The list row goes in the state's own unit where the read model can take it there (the host, on SQLite or
        // PostgreSQL): one commit, and the row is written exactly when the state is.
        var (row, tasks) = WorkflowInstanceRows.For(key, state.State, next);
        // No tasks to list and none listed: a state never stored has no task rows either (they are written only with
        // it), so a new instance's first write leaves them alone too, and its list row can go in its own statement.
        var listedTasks = tasks.Count == 0 && (_listedWithoutTasks || !state.RecordExists) ? null : tasks;
        var listedWithState = readModel.UpsertWithState(row, listedTasks);
        state.State.ListWithThisWrite(listedWithState);
        try
        {
            using (audits is null ? null : AuditOperation.EnterStoredTogether(audits))
            {
                await state.WriteOrStartOverAsync(this);
            }
        }
        catch (KeyClaimedException) when (state.State.PendingClaims.Count > 0)
        {
            // Applied before: the write stored nothing. Memory goes back to what is stored at once (the activation is
            // also started over once idle, as after any failed write), so nothing more this call does (the next kept
            // event, say) builds on the change. The caller sees the instance as it was, as for a known event id.
            await state.ReadStateAsync();
            _instance = state.State.Instance;
            return false;
        }
        _instance = next;
        waitHints.Moved(key, openedEntries, endedEntries);
        metrics.RecordStep(previous, next, journal, eventName);
        // Elsewhere the state is written first; the list row and the wake-up reminder only mirror it, and each is put
        // right from the state after a crash (a list row behind is caught up from storage at the next start, the
        // reminder is set again at activation). So they go out together, not one after another.
        await Task.WhenAll(listedWithState is null ? readModel.UpsertAsync(row, listedTasks) : Task.CompletedTask, ScheduleWakeAsync());
        _listedWithoutTasks = tasks.Count == 0;
        await DispatchOutboxAsync();
        // Events that came before these waits existed: each is applied once (by id), and the wait's where decides.
        foreach (var kept in await KeptEventsAsync(home, opened))
        {
            if (_instance is { IsEnded: false })
            {
                await ResumeAsync(new EventReceived(kept.Name, JsonNode.Parse(kept.DataJson), kept.EventId), askAppliedIds: true);
            }
        }
        return true;
    }

    private static HashSet<WaitIndexEntry> WaitEntries(WorkflowInstanceState instance) =>
        instance.IsEnded ? [] : WorkflowInterpreter.Bookmarks(instance).Select(WaitIndexEntry.For).ToHashSet();

    /// <summary>
    /// The event name's entry learns the fields of the new waits before the instance's rows are written, so an
    /// event looks in the value's entry by the time the rows are there (a field already known costs no write).
    /// </summary>
    private async Task RegisterCorrelationFieldsAsync(TenantPath home, IEnumerable<WaitIndexEntry> opened)
    {
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        foreach (var entry in opened)
        {
            if (entry.Field is { } field)
            {
                await GrainFactory.GetGrain<IWorkflowWaitIndexGrain>(WorkflowWaitIndexGrain.KeyFor(home, entry.Event)).CorrelatesOn(field);
            }
        }
    }

    /// <summary>
    /// The events the entries of the new waits kept for waits that did not exist yet, read after this instance's rows
    /// were written: an event kept later finds those rows (<see cref="WorkflowTriggers"/>).
    /// </summary>
    private async Task<IReadOnlyList<KeptEvent>> KeptEventsAsync(TenantPath home, IEnumerable<WaitIndexEntry> opened)
    {
        var kept = new List<KeptEvent>();
        foreach (var entry in opened)
        {
            kept.AddRange(await WorkflowWaitIndexGrain.KeptAsync(logs, entry.GrainKey(home), clock.GetUtcNow()));
        }
        return kept;
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
        // The reminder is a row in storage: touch it only when the due time changed (an ignored event changes nothing).
        var reminderCurrent = _reminderKnown && _reminderDue == due;
        if (due is null)
        {
            if (!reminderCurrent && await this.GetReminder(WakeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            (_reminderKnown, _reminderDue) = (true, null);
            return;
        }
        var wait = due.Value - clock.GetUtcNow();
        if (!reminderCurrent)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, wait < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait, TimeSpan.FromMinutes(1));
            (_reminderKnown, _reminderDue) = (true, due);
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
