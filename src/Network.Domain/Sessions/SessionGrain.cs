using System.Globalization;
using System.Text.Json.Nodes;
using Network.Domain.Errors;
using Network.Domain.Storage;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;

namespace Network.Domain.Sessions;

[GrainType("session")]
public sealed class SessionGrain(
    [PersistentState(SessionGrain.StateName, StorageNames.Network)] IPersistentState<SessionGrain.State> state,
    WorkflowTriggers workflows,
    TimeProvider clock)
    : Grain, ISessionGrain
{
    public const string StateName = "session";

    /// <summary>The event a first import raises: starts the <c>session-report</c> workflow (see workflows/README.md).</summary>
    public const string ImportedEvent = "SessionImported";

    public sealed class State
    {
        public SessionDraft? Session { get; set; }
        public DateTimeOffset ImportedAt { get; set; }

        /// <summary>Events raised by the import and not yet handed to the workflows (see <see cref="DomainEventRecord"/>).</summary>
        public List<DomainEventRecord> Outbox { get; set; } = [];
    }

    private TenantPath Home => TenantScopedKey.TenantOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Outbox.Count > 0)
        {
            // An event a crash kept from being handed on: hand it on now, outside activation.
            this.RegisterGrainTimer(static (grain, _) => grain.DispatchOutboxAsync(), this,
                new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
        return Task.CompletedTask;
    }

    public async Task<SessionSnapshot> Import(SessionDraft session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var caller = TenantCallContext.Current!;
        if (!caller.IsSystem && caller.Role != TenantRole.Coordinator)
        {
            throw new RoleForbiddenException("Only a coordinator may import sessions.");
        }
        if (state.State.Session is null)
        {
            var now = clock.GetUtcNow();
            state.State = new State { Session = session, ImportedAt = now, Outbox = [Imported(session, now)] };
            await state.WriteOrStartOverAsync(this);
            await DispatchOutboxAsync();
        }
        return new SessionSnapshot(Home, state.State.Session, state.State.ImportedAt);
    }

    public Task<SessionSnapshot?> Describe() => Task.FromResult(
        state.State.Session is { } session ? new SessionSnapshot(Home, session, state.State.ImportedAt) : null);

    /// <summary>The session as the workflows see it; <c>firstDueAt</c> is the earliest period's due date (absent without periods).</summary>
    private DomainEventRecord Imported(SessionDraft session, DateTimeOffset at)
    {
        var data = new JsonObject
        {
            ["sessionId"] = session.Id,
            ["tenantId"] = Home.TenantId,
            ["title"] = session.Title,
            ["heldOn"] = session.HeldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (session.Periods.Count > 0)
        {
            data["firstDueAt"] = session.Periods.Min(p => p.DueOn).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
        }
        return new DomainEventRecord($"{this.GetPrimaryKeyString()}/1/{ImportedEvent}", ImportedEvent, data.ToJsonString(), at);
    }

    /// <summary>Hands stored events to the workflows, and forgets each once they took it (they drop what they already took).</summary>
    private async Task DispatchOutboxAsync()
    {
        while (state.State.Outbox.Count > 0)
        {
            var next = state.State.Outbox[0];
            // Nothing waits for an import: only definitions that start on it take it, so it is not kept for later waits.
            await workflows.DispatchAsync(Home, next.Name, (JsonObject)JsonNode.Parse(next.DataJson)!, state.State.Session!.Id, next.Id, keepFor: TimeSpan.Zero);
            state.State.Outbox.RemoveAt(0);
            await state.WriteOrStartOverAsync(this);
        }
    }
}
