using Network.Domain.Errors;
using Network.Domain.Tenancy;

namespace Network.Domain.Sessions;

[GrainType("session")]
public sealed class SessionGrain(
    [PersistentState(SessionGrain.StateName, StorageNames.Network)] IPersistentState<SessionGrain.State> state,
    TimeProvider clock)
    : Grain, ISessionGrain
{
    public const string StateName = "session";

    public sealed class State
    {
        public SessionDraft? Session { get; set; }
        public DateTimeOffset ImportedAt { get; set; }
    }

    private TenantPath Home => TenantScopedKey.TenantOf(this.GetPrimaryKeyString());

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
            state.State = new State { Session = session, ImportedAt = clock.GetUtcNow() };
            await state.WriteStateAsync();
        }
        return new SessionSnapshot(Home, state.State.Session, state.State.ImportedAt);
    }

    public Task<SessionSnapshot?> Describe() => Task.FromResult(
        state.State.Session is { } session ? new SessionSnapshot(Home, session, state.State.ImportedAt) : null);
}
