using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Network.Web.Session;

/// <summary>
/// The web sessions, in this process's memory: the cookie carries only the random id of an entry here (encrypted by
/// the cookie handler), never the key or the caller. The idle timeout is enforced here, not by the browser: every
/// request and every call through <see cref="SignedInCaller"/> touches the session, and one left alone longer than
/// <see cref="WebOptions.SessionIdleTimeout"/> is gone. Limits: a restart signs everyone out; one host only.
/// </summary>
public sealed class WebSessionStore(IOptions<WebOptions> options, TimeProvider clock) : ITicketStore
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _idleTimeout = options.Value.SessionIdleTimeout;

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        RemoveExpired();
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        WebCallerClaims.AddSessionId(ticket.Principal, id);
        _sessions[id] = new Entry(ticket, clock.GetUtcNow());
        return Task.FromResult(id);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        // Only a live session may be renewed: a renewal racing a sign-out must not bring the session back.
        if (_sessions.TryGetValue(key, out var entry))
        {
            _sessions.TryUpdate(key, new Entry(ticket, clock.GetUtcNow()), entry);
        }
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!Touch(key) || !_sessions.TryGetValue(key, out var entry))
        {
            return Task.FromResult<AuthenticationTicket?>(null);
        }
        // The cookie handler rejects a ticket whose expiry has passed: the expiry it sees is this store's, so the
        // server's idle timeout is the one that counts.
        entry.Ticket.Properties.ExpiresUtc = entry.LastSeen + _idleTimeout;
        return Task.FromResult<AuthenticationTicket?>(entry.Ticket);
    }

    public Task RemoveAsync(string key)
    {
        _sessions.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <summary>Marks the session as used now; false (and the session gone) when it ended or sat idle too long.</summary>
    public bool Touch(string? sessionId)
    {
        if (sessionId is null || !_sessions.TryGetValue(sessionId, out var entry))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        if (now - entry.LastSeen > _idleTimeout)
        {
            _sessions.TryRemove(sessionId, out _);
            return false;
        }
        _sessions.TryUpdate(sessionId, entry with { LastSeen = now }, entry);
        return true;
    }

    /// <summary>True while the session exists and has not sat idle too long; does not count as use.</summary>
    public bool IsAlive(string? sessionId) =>
        sessionId is not null && _sessions.TryGetValue(sessionId, out var entry) && clock.GetUtcNow() - entry.LastSeen <= _idleTimeout;

    /// <summary>Ends every session signed in with the key of this hash (the key was revoked).</summary>
    public void EndSessionsOfKey(string keyHash)
    {
        foreach (var (id, entry) in _sessions)
        {
            if (WebCallerClaims.Read(entry.Ticket.Principal)?.KeyHash == keyHash)
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }

    public int Count => _sessions.Count;

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _sessions)
        {
            if (now - entry.LastSeen > _idleTimeout)
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset LastSeen);
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
