using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Network.Domain.WebSessions;

namespace Network.Web.Session;

/// <summary>
/// The web sessions, kept server-side by the cluster (<see cref="IWebSessionGrain"/>): the cookie carries only the
/// random id of a session (encrypted by the cookie handler with the data-protection keys all hosts share), never
/// the key or the caller, so any host of a cluster serves it and a restart signs nobody out. The idle timeout is
/// enforced here, not by the browser: every request and every call through <see cref="SignedInCaller"/> uses the
/// session, and one left alone longer than <see cref="WebOptions.SessionIdleTimeout"/> is gone.
/// </summary>
public sealed class WebSessionStore(IGrainFactory grains, IOptions<WebOptions> options, TimeProvider clock) : ITicketStore
{
    private readonly TimeSpan _idleTimeout = options.Value.SessionIdleTimeout;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var signedIn = WebCallerClaims.Read(ticket.Principal)
            ?? throw new InvalidOperationException("A web session is stored only for a signed-in key.");
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        WebCallerClaims.AddSessionId(ticket.Principal, id);
        await Session(id).Start(TicketSerializer.Default.Serialize(ticket), signedIn.KeyHash, clock.GetUtcNow());
        return id;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        // Only a live session is renewed (the grain keeps an ended one ended): a renewal racing a sign-out loses.
        return Session(key).Renew(TicketSerializer.Default.Serialize(ticket), clock.GetUtcNow());
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (await Session(key).Use(clock.GetUtcNow(), _idleTimeout) is not { } stored)
        {
            return null;
        }
        var ticket = TicketSerializer.Default.Deserialize(stored.Ticket);
        if (ticket is null)
        {
            return null;
        }
        // The cookie handler rejects a ticket whose expiry has passed: the expiry it sees is this store's, so the
        // server's idle timeout is the one that counts.
        ticket.Properties.ExpiresUtc = stored.LastSeen + _idleTimeout;
        return ticket;
    }

    public Task RemoveAsync(string key) => Session(key).SignOut();

    /// <summary>Marks the session as used now; false (and the session gone) when it ended or sat idle too long.</summary>
    public async Task<bool> TouchAsync(string? sessionId) =>
        sessionId is not null && await Session(sessionId).Use(clock.GetUtcNow(), _idleTimeout) is not null;

    /// <summary>True while the session exists and has not sat idle too long; does not count as use.</summary>
    public async Task<bool> IsAliveAsync(string? sessionId) =>
        sessionId is not null && await Session(sessionId).IsAlive(clock.GetUtcNow(), _idleTimeout);

    /// <summary>Ends every session signed in with the key of this hash (the key was revoked), on every host.</summary>
    public Task EndSessionsOfKeyAsync(string keyHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyHash);
        return grains.GetGrain<IWebSessionsOfKeyGrain>(keyHash).EndAll();
    }

    private IWebSessionGrain Session(string id) => grains.GetGrain<IWebSessionGrain>(id);
}

/// <summary>Hands the store to the cookie handler (options are built before the store is resolvable otherwise).</summary>
internal sealed class UseWebSessionStore(WebSessionStore store) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name == WebAuth.Scheme)
        {
            options.SessionStore = store;
        }
    }
}
