using System.Globalization;
using Network.Domain.Errors;
using Network.Domain.Links;
using Network.Domain.ReadModel;
using Network.Domain.Storage;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using System.Text.Json.Nodes;

namespace Network.Domain.Commitments;

[GrainType("commitment")]
public sealed class CommitmentGrain(
    [PersistentState(CommitmentState.StateName, StorageNames.Network)] IPersistentState<CommitmentState> state,
    ICommitmentReadModel readModel,
    WorkflowTriggers workflows,
    TenantLinkDelivery links,
    IStateLogReader logs,
    TimeProvider clock)
    : Grain, ICommitmentGrain, ITenantSharedGrain
{
    /// <summary>The whole history, once read in this activation (kept current by each write after that).</summary>
    private List<CommitmentHistoryEntry>? _history;

    private TenantPath Home => TenantScopedKey.TenantOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Outbox.Count > 0)
        {
            // Events a crash kept from being handed on: hand them on now, outside activation.
            this.RegisterGrainTimer(static (grain, _) => grain.DispatchOutboxAsync(), this,
                new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
        return Task.CompletedTask;
    }

    public bool IsSharedWith(TenantCaller caller) =>
        state.State.Exists && state.State.OwnerTenants.Any(caller.CanReach);

    public async Task<CommitmentSnapshot> Import(CommitmentDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        RequireCoordinatorOverHome("import commitments");
        if (state.State.Exists)
        {
            // Re-importing the same report changes nothing: the commitment may have moved on since.
            return await SnapshotAsync();
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
            History = [new CommitmentHistoryEntry(now, "imported", CallerName(), status, $"Imported from session {draft.SessionId}", null)],
        };
        Raise("CommitmentRecorded", new JsonObject
        {
            ["commitmentId"] = draft.Id,
            ["tenantId"] = Home.TenantId,
            ["status"] = status,
            ["dependency"] = draft.Dependency,
            ["dueAt"] = Moment(draft.DueOn),
            ["reviewAt"] = Moment(new DateOnly(draft.DueOn.Year, 12, 31)),
        });
        await SaveAsync();
        return await SnapshotAsync();
    }

    public async Task<CommitmentSnapshot?> Describe() => state.State.Exists ? await SnapshotAsync() : null;

    private async Task<CommitmentSnapshot> SnapshotAsync() => state.State.ToSnapshot(await HistoryAsync());

    /// <summary>The stored entries from the history table, then those the state still holds.</summary>
    private async Task<IReadOnlyList<CommitmentHistoryEntry>> HistoryAsync()
    {
        if (_history is null)
        {
            var stored = await logs.ReadRangeAsync(StateLogs.CommitmentHistory, this.GetPrimaryKeyString(), 0, state.State.HistoryStored);
            _history = stored.Select(CommitmentState.ReadHistoryEntry).ToList();
        }
        return [.. _history, .. state.State.History];
    }

    public async Task<CommitmentSnapshot> ReportProgress(ProgressUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        RequireExisting();
        if (!ProgressRules.MayReport(TenantCallContext.Current!, Home, state.State.OwnerTenants))
        {
            // A home member who owns nothing here: as far as progress goes, the commitment is not theirs to see.
            throw new TenantAccessDeniedException(this.GetPrimaryKeyString());
        }
        var status = CommitmentStatuses.EnsureValid(update.Status, "status");
        var note = ProgressRules.Note(update.Note);
        var evidence = ProgressRules.EvidenceUrl(update.EvidenceUrl);
        if (await AlreadyAppliedAsync(update.MessageId))
        {
            return await SnapshotAsync();
        }
        var now = clock.GetUtcNow();
        state.State.Status = status;
        state.State.UpdatedAt = now;
        state.State.History.Add(new CommitmentHistoryEntry(now, "progress", CallerName(), status, note, evidence));
        Raise("ProgressReported", new JsonObject
        {
            ["commitmentId"] = state.State.Draft!.Id,
            ["tenantId"] = Home.TenantId,
            ["status"] = status,
            ["note"] = note,
        });
        await SaveAsync();
        return await SnapshotAsync();
    }

    /// <summary>True when the message was applied before; otherwise remembers it (with the change about to be written).</summary>
    private async Task<bool> AlreadyAppliedAsync(string? messageId)
    {
        if (messageId is null)
        {
            return false;
        }
        if (await WasAppliedAsync(messageId))
        {
            return true;
        }
        state.State.AppliedMessageIds.Add(messageId);
        return false;
    }

    /// <summary>Among the ids the state still holds, or in the applied-message table.</summary>
    private async Task<bool> WasAppliedAsync(string messageId) =>
        state.State.HoldsApplied(messageId) ||
        await logs.ContainsAsync(StateKeySets.AppliedMessageIds, this.GetPrimaryKeyString(), messageId);

    public Task<bool> HasApplied(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        RequireExisting();
        return WasAppliedAsync(messageId);
    }

    public async Task<CommitmentSnapshot> ExpressInterest(InterestExpression interest)
    {
        ArgumentNullException.ThrowIfNull(interest);
        RequireExisting();
        var caller = TenantCallContext.Current!;
        if (!caller.IsSystem && !state.State.OwnerTenants.Any(caller.CanReach) && !caller.CanReach(Home))
        {
            throw new TenantAccessDeniedException(this.GetPrimaryKeyString());
        }
        var note = ProgressRules.Note(interest.Note);
        if (await AlreadyAppliedAsync(interest.MessageId))
        {
            return await SnapshotAsync();
        }
        var now = clock.GetUtcNow();
        state.State.UpdatedAt = now;
        state.State.History.Add(new CommitmentHistoryEntry(now, "interest", CallerName(), state.State.Status, note, null));
        Raise("InterestExpressed", new JsonObject
        {
            ["commitmentId"] = state.State.Draft!.Id,
            ["tenantId"] = Home.TenantId,
            ["interestedTenant"] = caller.Tenant?.Value,
            ["note"] = note,
        });
        await SaveAsync();
        return await SnapshotAsync();
    }

    public async Task<CommitmentSnapshot> AssignOwners(IReadOnlyList<CommitmentOwner> owners, string? note)
    {
        ArgumentNullException.ThrowIfNull(owners);
        RequireExisting();
        RequireCoordinatorOverHome("assign owners");
        var before = string.Join(", ", state.State.Draft!.Owners.Select(o => o.Tenant ?? o.Name));
        var after = string.Join(", ", owners.Select(o => o.Tenant ?? o.Name));
        var now = clock.GetUtcNow();
        state.State.Draft = state.State.Draft with { Owners = owners.ToList() };
        state.State.UpdatedAt = now;
        var text = string.Create(CultureInfo.InvariantCulture, $"Owners changed from [{before}] to [{after}]");
        state.State.History.Add(new CommitmentHistoryEntry(now, "owners", CallerName(), state.State.Status,
            string.IsNullOrWhiteSpace(note) ? text : $"{text}: {ProgressRules.Note(note)}", null));
        await SaveAsync();
        return await SnapshotAsync();
    }

    /// <summary>
    /// Persists, then updates the list row. A crash in between leaves the row one version behind; the read model is
    /// caught up from the stored state at the next start (see <see cref="CommitmentReadModelSource"/>), and the
    /// version guard keeps late writes from moving a row backwards. The version is the state's own counter, so it
    /// means the same whatever the storage provider's ETags look like.
    /// </summary>
    private async Task SaveAsync()
    {
        // Read the stored history first (once per activation), so the entries about to move can be added to it.
        await HistoryAsync();
        state.State.Version++;
        var moved = state.State.MoveHistoryToLog(this.GetPrimaryKeyString());
        try
        {
            await state.WriteStateAsync();
            _history!.AddRange(moved);
        }
        catch
        {
            // The in-memory state is ahead of what is stored: start over from storage on the next call.
            DeactivateOnIdle();
            throw;
        }
        await readModel.UpsertAsync(state.State.ToListRow(this.GetPrimaryKeyString()));
        await DispatchOutboxAsync();
    }

    private void Raise(string name, JsonObject data) =>
        state.State.Outbox.Add(new DomainEventRecord(
            $"{this.GetPrimaryKeyString()}/{state.State.Version + 1}/{name}", name, data.ToJsonString(), clock.GetUtcNow()));

    /// <summary>
    /// Hands stored events to the workflows and to the links of the home and owning tenants, oldest first, and
    /// forgets each only once both took it (both drop what they already took, so a crash in between is harmless).
    /// </summary>
    private async Task DispatchOutboxAsync()
    {
        while (state.State.Outbox.Count > 0)
        {
            var next = state.State.Outbox[0];
            var data = (JsonObject)JsonNode.Parse(next.DataJson)!;
            await workflows.DispatchAsync(Home, next.Name, data, state.State.Draft!.Id, next.Id);
            await links.DeliverAsync(state.State.OwnerTenants.Prepend(Home), next.Name, data, Home, next.Id, next.At ?? state.State.UpdatedAt);
            state.State.Outbox.RemoveAt(0);
            await state.WriteStateAsync();
        }
    }

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
