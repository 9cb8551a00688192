using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Network.Domain.Errors;
using Network.Domain.Links;
using Network.Domain.ReadModel;
using Network.Domain.Storage;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Orleans.Concurrency;

namespace Network.Domain.Commitments;

/// <remarks>
/// Reentrant, so the calls that come while a write is on its way can join the next one: every call that reads or
/// changes the state is applied in order by <see cref="BatchedChanges"/>, which stores the changes of the calls that
/// waited together. A partner's many messages to one commitment then cost a write per batch, not per message.
/// </remarks>
[GrainType("commitment")]
[Reentrant]
public sealed partial class CommitmentGrain(
    [PersistentState(CommitmentState.StateName, StorageNames.Network)] IPersistentState<CommitmentState> state,
    ICommitmentReadModel readModel,
    WorkflowTriggers workflows,
    TenantLinkDelivery links,
    IStateLogReader logs,
    TimeProvider clock,
    ILogger<CommitmentGrain> logger)
    : Grain, ICommitmentGrain, ITenantSharedGrain
{
    /// <summary>
    /// The latest stored entries, at most <see cref="CommitmentHistoryWindow.Recent"/>: read at activation and kept
    /// current by each write, so the activation's memory does not grow with the history.
    /// </summary>
    private List<CommitmentHistoryLine> _recent = [];

    /// <summary>
    /// Hands the stored events on beside the calls, so a progress report returns once it is stored rather than once
    /// the workflows have taken it too. Events handed on are left out of the next write (or the one at deactivation)
    /// rather than written away one by one, which cost every change a second write.
    /// </summary>
    private StoredEventHandOver _handOver = null!;

    /// <summary>Applies the calls in order and stores those that waited together (see the class's remarks).</summary>
    private BatchedChanges _changes = null!;

    /// <summary>A write failed: memory is ahead of storage and must not be written at deactivation.</summary>
    private bool _stale;

    /// <summary>The list row and the outboxes' wake-up after each stored write, tried again when they fail.</summary>
    private CommitmentMirrors _mirrors = null!;

    private IGrainTimer? _mirrorRetry;
    private bool _deactivating;

    private TenantPath Home => TenantScopedKey.TenantOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _handOver = new StoredEventHandOver(HandOnAsync,
            (events, error, wait) => LogHandOverFailed(logger, error, events.Count, events[0].Record.Name, events[0].Record.Id, wait));
        _changes = new BatchedChanges(SaveAsync, StartOverAsync);
        _mirrors = new CommitmentMirrors(readModel, links, RetryMirrorsAfter, (error, wait) => LogMirrorsFailed(logger, error, wait));
        if (state.State.Outbox.Count > 0)
        {
            // Events a crash kept from being handed on: hand them on now, outside activation.
            this.RegisterGrainTimer(static (grain, _) => grain.HandOnAfterCrashAsync(), this,
                new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
        if (state.State.Exists)
        {
            await ReadRecentHistoryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Hands on what a crash left in the stored outbox and writes it off once they are taken: unlike a change's own
    /// events, which leave with the next write, these may have waited long already, and a second crash should not
    /// hand them on yet again.
    /// </summary>
    private async Task HandOnAfterCrashAsync()
    {
        _handOver.Stored(state.State.Outbox);
        await _handOver.WaitUntilAtMostAsync(0);
        // A write of its own among the calls' (it leaves out what was handed on), unless a call's write did it.
        await _changes.RunAsync(() => _handOver.HasHandedOn ? ChangeOutcome.Stored(true) : ChangeOutcome.Unchanged(false));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _changes.IdleAsync();
        _deactivating = true;
        if (_mirrors.Retrying)
        {
            // A last try; what still fails is put right at the next start (the list caught up, the outboxes woken).
            await _mirrors.RetryAsync();
        }
        await _handOver.StopAsync();
        if (_handOver.HasHandedOn && !_stale)
        {
            // Best effort: if it fails, the next activation hands the events on again, which changes nothing.
            try
            {
                _handOver.ForgetHandedOn(state.State.Outbox);
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                _stale = true;
            }
        }
    }

    /// <summary>
    /// Reads the latest stored entries. A state stored before it kept <see cref="CommitmentState.LastProgressAt"/>
    /// has it found in the whole history this once (the next write stores it).
    /// </summary>
    private async Task ReadRecentHistoryAsync(CancellationToken cancellationToken)
    {
        var stored = state.State.HistoryStored;
        var from = state.State.LastProgressTracked ? stored - CommitmentHistoryWindow.Recent : 0;
        var rows = await logs.ReadRangeAsync(StateLogs.CommitmentHistory, this.GetPrimaryKeyString(), from, stored,
            cancellationToken: cancellationToken);
        var lines = rows.Select(CommitmentState.ReadHistoryLine).ToList();
        if (!state.State.LastProgressTracked)
        {
            state.State.LastProgressAt = lines.Select(l => l.Entry).Concat(state.State.History)
                .Where(entry => entry.Kind == CommitmentHistoryKinds.Progress).Select(entry => (DateTimeOffset?)entry.At).Max();
            state.State.LastProgressTracked = true;
        }
        _recent = lines.TakeLast(CommitmentHistoryWindow.Recent).ToList();
    }

    public bool IsSharedWith(TenantCaller caller) =>
        state.State.Exists && state.State.OwnerTenants.Any(caller.CanReach);

    public Task<CommitmentSnapshot> Import(CommitmentDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return _changes.RunAsync(() =>
        {
            RequireCoordinatorOverHome("import commitments");
            if (state.State.Exists)
            {
                // Re-importing the same report changes nothing: the commitment may have moved on since.
                return ChangeOutcome.Unchanged(Snapshot());
            }
            var status = CommitmentStatuses.EnsureValid(draft.Status, "status");
            var now = clock.GetUtcNow();
            state.State = new CommitmentState
            {
                Exists = true,
                HomeTenant = Home.Value,
                Draft = draft,
                Status = status,
                CreatedAt = now,
                UpdatedAt = now,
                LastProgressTracked = true,
                History = [new CommitmentHistoryEntry(now, CommitmentHistoryKinds.Imported, CallerName(), status, $"Imported from session {draft.SessionId}", null)],
            };
            BeginChange();
            Raise("CommitmentRecorded", new JsonObject
            {
                ["commitmentId"] = draft.Id,
                ["tenantId"] = Home.TenantId,
                ["status"] = status,
                ["dependency"] = draft.Dependency,
                ["dueAt"] = Moment(draft.DueOn),
                ["reviewAt"] = Moment(new DateOnly(draft.DueOn.Year, 12, 31)),
            });
            return ChangeOutcome.Stored(Snapshot());
        });
    }

    public Task<CommitmentSnapshot?> Describe() =>
        _changes.RunAsync(() => ChangeOutcome.Unchanged<CommitmentSnapshot?>(state.State.Exists ? Snapshot() : null));

    /// <summary>The state with the latest entries: those kept from the table, then any the state still holds.</summary>
    private CommitmentSnapshot Snapshot() =>
        state.State.ToSnapshot(_recent.Concat(state.State.UnstoredHistory()).TakeLast(CommitmentHistoryWindow.Recent).ToList());

    public async Task<IReadOnlyList<CommitmentHistoryLine>> ReadHistory(long afterSeq, int limit)
    {
        // Where the table ends and what memory holds beyond it, taken in order with the changes and answered once
        // those before are stored, so the table holds what it is read for.
        var (storedCount, unstored) = await _changes.RunAsync(() =>
        {
            RequireExisting();
            return ChangeOutcome.Unchanged<(long, List<CommitmentHistoryLine>)>((state.State.HistoryStored, state.State.UnstoredHistory().ToList()));
        });
        if (limit < 1)
        {
            return [];
        }
        var stored = await logs.ReadRangeAsync(StateLogs.CommitmentHistory, this.GetPrimaryKeyString(), afterSeq, storedCount, limit);
        var lines = stored.Select(CommitmentState.ReadHistoryLine).ToList();
        lines.AddRange(unstored.Where(line => line.Seq > afterSeq).Take(limit - lines.Count));
        return lines;
    }

    public Task<CommitmentSnapshot> ReportProgress(ProgressUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return _changes.RunAsync(() =>
        {
            RequireExisting();
            if (!ProgressRules.MayReport(TenantCallContext.Current!, Home, state.State.OwnerTenants))
            {
                // A home member who owns nothing here: as far as progress goes, the commitment is not theirs to see.
                throw new TenantAccessDeniedException(this.GetPrimaryKeyString());
            }
            var status = CommitmentStatuses.EnsureValid(update.Status, "status");
            var note = ProgressRules.Note(update.Note);
            var evidence = ProgressRules.EvidenceUrl(update.EvidenceUrl);
            if (HoldsApplied(update.MessageId))
            {
                return ChangeOutcome.Unchanged(Snapshot());
            }
            var now = clock.GetUtcNow();
            BeginChange();
            state.State.Status = status;
            state.State.UpdatedAt = now;
            state.State.LastProgressAt = now;
            state.State.History.Add(new CommitmentHistoryEntry(now, CommitmentHistoryKinds.Progress, CallerName(), status, note, evidence));
            Raise("ProgressReported", new JsonObject
            {
                ["commitmentId"] = state.State.Draft!.Id,
                ["tenantId"] = Home.TenantId,
                ["status"] = status,
                ["note"] = note,
            });
            return ChangeOutcome.Stored(Snapshot(), update.MessageId);
        });
    }

    /// <summary>
    /// True when the state holds the message's id (applied in a state stored before the applied-message table), or a
    /// write found it claimed, or a call in the same write claims it. Older ones are found by the write that applies
    /// the message, which claims its id (<see cref="SaveAsync"/>): a read of the table before every change would cost
    /// every message a round trip, for the rare redelivery.
    /// </summary>
    private bool HoldsApplied(string? messageId) =>
        messageId is not null && (state.State.HoldsApplied(messageId) || _changes.IsClaimed(messageId));

    public async Task<bool> HasApplied(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        // Among the ids the state still holds, or in the applied-message table. The first look goes in order with the
        // changes, answered once those before are stored: a write moves the ids the state held to the table.
        var held = await _changes.RunAsync(() =>
        {
            RequireExisting();
            return ChangeOutcome.Unchanged(state.State.HoldsApplied(messageId));
        });
        return held || await logs.ContainsAsync(StateKeySets.AppliedMessageIds, this.GetPrimaryKeyString(), messageId);
    }

    public Task<CommitmentSnapshot> ExpressInterest(InterestExpression interest)
    {
        ArgumentNullException.ThrowIfNull(interest);
        return _changes.RunAsync(() =>
        {
            RequireExisting();
            var caller = TenantCallContext.Current!;
            if (!caller.IsSystem && !state.State.OwnerTenants.Any(caller.CanReach) && !caller.CanReach(Home))
            {
                throw new TenantAccessDeniedException(this.GetPrimaryKeyString());
            }
            var note = ProgressRules.Note(interest.Note);
            if (HoldsApplied(interest.MessageId))
            {
                return ChangeOutcome.Unchanged(Snapshot());
            }
            var now = clock.GetUtcNow();
            BeginChange();
            state.State.UpdatedAt = now;
            state.State.History.Add(new CommitmentHistoryEntry(now, CommitmentHistoryKinds.Interest, CallerName(), state.State.Status, note, null));
            Raise("InterestExpressed", new JsonObject
            {
                ["commitmentId"] = state.State.Draft!.Id,
                ["tenantId"] = Home.TenantId,
                ["interestedTenant"] = caller.Tenant?.Value,
                ["note"] = note,
            });
            return ChangeOutcome.Stored(Snapshot(), interest.MessageId);
        });
    }

    public Task<CommitmentSnapshot> AssignOwners(IReadOnlyList<CommitmentOwner> owners, string? note)
    {
        ArgumentNullException.ThrowIfNull(owners);
        return _changes.RunAsync(() =>
        {
            RequireExisting();
            RequireCoordinatorOverHome("assign owners");
            var before = string.Join(", ", state.State.Draft!.Owners.Select(o => o.Tenant ?? o.Name));
            var after = string.Join(", ", owners.Select(o => o.Tenant ?? o.Name));
            var text = string.Create(CultureInfo.InvariantCulture, $"Owners changed from [{before}] to [{after}]");
            var entry = string.IsNullOrWhiteSpace(note) ? text : $"{text}: {ProgressRules.Note(note)}";
            var now = clock.GetUtcNow();
            BeginChange();
            state.State.Draft = state.State.Draft with { Owners = owners.ToList() };
            state.State.UpdatedAt = now;
            state.State.History.Add(new CommitmentHistoryEntry(now, CommitmentHistoryKinds.Owners, CallerName(), state.State.Status, entry, null));
            return ChangeOutcome.Stored(Snapshot());
        });
    }

    /// <summary>
    /// Persists the changes of the calls <see cref="_changes"/> applied since the last write, with the link messages of
    /// their events (queued in the same write, so they go out exactly when the change is stored), and the list row: in
    /// the same unit where the read model can take it (the host on SQLite), else just after. A crash in between leaves
    /// the row one version behind; the read model is caught up from the stored state at the next start (see
    /// <see cref="CommitmentReadModelSource"/>), and the version guard keeps late writes from moving a row backwards.
    /// The version is the state's own counter (<see cref="BeginChange"/>), so it means the same whatever the storage
    /// provider's ETags look like.
    /// </summary>
    /// <param name="claimedMessageIds">
    /// The ids of the messages the changes apply, claimed by the write: if one was applied before, nothing is stored
    /// and the write throws <see cref="KeyClaimedException"/> (<see cref="_changes"/> then starts over and applies the
    /// calls again).
    /// </param>
    private async Task SaveAsync(IReadOnlyList<string> claimedMessageIds)
    {
        _handOver.ForgetHandedOn(state.State.Outbox);
        var moved = state.State.MoveHistoryToLog(this.GetPrimaryKeyString(), claimedMessageIds);
        await state.State.QueueLinkMessagesAsync(LinkMessagesOf);
        IReadOnlyList<QueueRow> queued = [.. state.State.PendingQueueRows];
        // The list row in the state's own unit where the read model can take it there (the host, on SQLite or PostgreSQL).
        var row = state.State.ToListRow(this.GetPrimaryKeyString());
        var listedWithState = readModel.UpsertWithState(row);
        state.State.ListWithThisWrite(listedWithState);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception error) when (error is not KeyClaimedException)
        {
            // Another activation's write, or storage failing: start over in a new activation once idle. A message
            // applied before is not a reason to (memory goes back to what is stored, see StartOverAsync).
            DeactivateOnIdle();
            throw;
        }
        _recent = _recent.Concat(moved).TakeLast(CommitmentHistoryWindow.Recent).ToList();
        // The list row, the outboxes' wake-up and the hand-over of the events only follow the stored state: the calls
        // stored their change whatever becomes of these, which are tried again until they succeed (the hand-over and
        // the mirrors), or put right at the next start.
        _handOver.Stored(state.State.Outbox);
        await _mirrors.AfterStoredAsync(listedWithState is null ? row : null, queued);
        // A commitment that changes faster than its workflows take the events slows its callers down to their pace,
        // rather than let its outbox, which every write stores, grow.
        await _handOver.WaitUntilAtMostAsync(StoredEventHandOver.MostWaiting);
    }

    /// <summary>
    /// After a failed write (or one that found a message applied before): memory goes back to what is stored, so the
    /// calls applied again, and those waiting, start from there. Events handed on and forgotten before the write are in
    /// the stored outbox again and go out once more after the next write: receivers drop what they took.
    /// </summary>
    private async Task StartOverAsync()
    {
        _stale = true;
        _handOver.ForgetRaised();
        try
        {
            await state.ReadStateAsync();
            if (state.State.Exists)
            {
                await ReadRecentHistoryAsync(CancellationToken.None);
            }
        }
        catch
        {
            // Memory is neither the change nor what is stored: this activation is done.
            DeactivateOnIdle();
            throw;
        }
        _stale = false;
    }

    /// <summary>Every change counts up the state's version, which also numbers the change's events.</summary>
    private void BeginChange() => state.State.Version++;

    /// <summary>The link messages of one of this commitment's events: one per linked tenant among the home and the owners.</summary>
    private Task<IReadOnlyList<QueueRow>> LinkMessagesOf(DomainEventRecord record) =>
        links.QueueRowsAsync(state.State.OwnerTenants.Prepend(Home), record.Name, (JsonObject)JsonNode.Parse(record.DataJson)!, Home,
            this.GetPrimaryKeyString(), record.Id, record.At ?? state.State.UpdatedAt);

    /// <summary>Adds an event of the change under way (after <see cref="BeginChange"/>), handed on in this call's context.</summary>
    private void Raise(string name, JsonObject data)
    {
        var record = new DomainEventRecord($"{this.GetPrimaryKeyString()}/{state.State.Version}/{name}", name, data.ToJsonString(), clock.GetUtcNow());
        state.State.Outbox.Add(record);
        _handOver.Raised(record);
    }

    /// <summary>
    /// Hands stored events to the workflows, all at once (each lifecycle instance takes a commitment's events in one
    /// write, see <see cref="WorkflowTriggers.DispatchManyAsync"/>), and each, in order and in the context of the call
    /// that raised it, to the webhooks of the home and owning tenants (its link messages were queued with it; an event
    /// stored before that goes to the links here too). Each receiver drops what it already took, so handing an event on
    /// again after a crash is harmless.
    /// </summary>
    private Task HandOnAsync(IReadOnlyList<HandedEvent> events)
    {
        var subjectId = state.State.Draft!.Id;
        var dispatched = events.Select(e => e.InItsCall(() =>
            DispatchedEvent.InThisCall(e.Record.Name, (JsonObject)JsonNode.Parse(e.Record.DataJson)!, subjectId, e.Record.Id))).ToList();
        return Task.WhenAll(workflows.DispatchManyAsync(Home, dispatched), DeliverToLinksAsync(events));
    }

    private async Task DeliverToLinksAsync(IReadOnlyList<HandedEvent> events)
    {
        var recipients = state.State.OwnerTenants.Prepend(Home).ToList();
        foreach (var handed in events)
        {
            var next = handed.Record;
            var at = next.At ?? state.State.UpdatedAt;
            // Its own copy of the data: the workflows' dispatch may still be using theirs.
            await handed.InItsCall(() => next.LinksQueued
                ? links.DeliverToWebhooksAsync(recipients, next.Name, (JsonObject)JsonNode.Parse(next.DataJson)!, Home, next.Id, at)
                : links.DeliverAsync(recipients, next.Name, (JsonObject)JsonNode.Parse(next.DataJson)!, Home, this.GetPrimaryKeyString(), next.Id, at));
        }
    }

    private void RetryMirrorsAfter(TimeSpan wait)
    {
        if (_deactivating)
        {
            return;
        }
        _mirrorRetry?.Dispose();
        _mirrorRetry = this.RegisterGrainTimer(static (grain, _) => grain._mirrors.RetryAsync(), this,
            new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored change's list row or link outbox wake-up failed; trying again in {Wait}")]
    private static partial void LogMirrorsFailed(ILogger logger, Exception error, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand {Count} event(s) on to the workflows and webhooks, the first {Name} {Id}; trying again in {Wait}")]
    private static partial void LogHandOverFailed(ILogger logger, Exception error, int count, string name, string id, TimeSpan wait);

    private static string Moment(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private void RequireExisting()
    {
        if (!state.State.Exists)
        {
            throw new DomainNotFoundException($"There is no commitment '{this.GetPrimaryKeyString()}'.");
        }
    }

    private void RequireCoordinatorOverHome(string action)
    {
        var caller = TenantCallContext.Current!;
        if (caller.IsSystem || (caller.Role == TenantRole.Coordinator && caller.CanReach(Home)))
        {
            return;
        }
        if (caller.CanReach(Home) || IsSharedWith(caller))
        {
            throw new RoleForbiddenException($"Only a coordinator over '{Home}' may {action}.");
        }
        throw new TenantAccessDeniedException(this.GetPrimaryKeyString());
    }

    /// <summary>Who the history names: the audit trail's actor (a key with its door's message, the engine, or the system).</summary>
    private static string CallerName() => Audit.AuditActor.Resolve().Name;
}
