using Network.Domain.Tenancy;

namespace Network.Domain.Sessions;

/// <summary>One session of a forum, keyed by its home tenant's path and its id (<see cref="TenantScopedKey"/>).</summary>
public interface ISessionGrain : ITenantScopedGrain
{
    /// <summary>Records the session. Importing it again returns it as first recorded and changes nothing.</summary>
    Task<SessionSnapshot> Import(SessionDraft session);

    Task<SessionSnapshot?> Describe();
}
