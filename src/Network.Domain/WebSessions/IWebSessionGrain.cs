namespace Network.Domain.WebSessions;

/// <summary>What a live web session answers when used: the sign-in ticket as the web app stored it, and its last use.</summary>
[GenerateSerializer, Immutable]
public sealed record WebSessionTicket([property: Id(0)] byte[] Ticket, [property: Id(1)] DateTimeOffset LastSeen);

/// <summary>
/// One signed-in browser, keyed by its random session id (the only thing the cookie carries). A grain rather than a
/// dictionary in one process, so every host of a cluster serves the same sessions: a browser signed in through one
/// silo keeps working through another, and a sign-out or a revoked key ends it everywhere at once.
/// The ticket is opaque here (the web app serialises it); the idle timeout is the caller's setting, passed with each
/// call together with the time, so the web app's clock decides.
/// </summary>
public interface IWebSessionGrain : IGrainWithStringKey
{
    /// <summary>Begins the session for a key (its hash, so the key's sessions can be ended together).</summary>
    Task Start(byte[] ticket, string keyHash, DateTimeOffset now);

    /// <summary>Marks the session as used now and answers its ticket; null once ended or idle longer than the timeout.</summary>
    Task<WebSessionTicket?> Use(DateTimeOffset now, TimeSpan idleTimeout);

    /// <summary>Whether the session is alive, without counting as use.</summary>
    Task<bool> IsAlive(DateTimeOffset now, TimeSpan idleTimeout);

    /// <summary>Replaces the ticket of a live session; an ended one stays ended (a renewal racing a sign-out loses).</summary>
    Task Renew(byte[] ticket, DateTimeOffset now);

    /// <summary>Ends the session (sign-out, idle, revoked key). Ending an ended session does nothing.</summary>
    Task SignOut();
}
