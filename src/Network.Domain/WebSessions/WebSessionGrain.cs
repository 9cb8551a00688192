using Network.Domain.Storage;

namespace Network.Domain.WebSessions;

/// <inheritdoc cref="IWebSessionGrain"/>
public sealed class WebSessionGrain(
    [PersistentState("websession", StorageNames.Network)] IPersistentState<WebSessionGrain.State> state)
    : Grain, IWebSessionGrain
{
    /// <summary>
    /// The last use is written at most this often: a page's every call touches the session, and a write per call
    /// would make browsing a stream of commits. A crash forgets at most this much use, so a session may end up to a
    /// minute before its idle timeout, never after.
    /// </summary>
    public static readonly TimeSpan LastSeenWrittenEvery = TimeSpan.FromMinutes(1);

    // The exact last use lives here; the stored one trails it by at most LastSeenWrittenEvery.
    private DateTimeOffset? _lastSeen;

    public sealed class State
    {
        public byte[]? Ticket { get; set; }
        public string? KeyHash { get; set; }
        public DateTimeOffset LastSeen { get; set; }
    }

    private DateTimeOffset LastSeen => _lastSeen ?? state.State.LastSeen;

    public async Task Start(byte[] ticket, string keyHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentException.ThrowIfNullOrEmpty(keyHash);
        if (state.State.Ticket is not null)
        {
            // The same start sent again (the cluster changed under the first call) has nothing left to do.
            if (state.State.KeyHash == keyHash && state.State.Ticket.AsSpan().SequenceEqual(ticket))
            {
                return;
            }
            // The id is 256 random bits: another start is a bug, never a collision; it must not take over a session.
            throw new InvalidOperationException("This web session has already begun.");
        }
        state.State.Ticket = ticket;
        state.State.KeyHash = keyHash;
        state.State.LastSeen = now;
        _lastSeen = now;
        await state.WriteOrStartOverAsync(this);
        await GrainFactory.GetGrain<IWebSessionsOfKeyGrain>(keyHash).Add(this.GetPrimaryKeyString(), now);
    }

    public async Task<WebSessionTicket?> Use(DateTimeOffset now, TimeSpan idleTimeout)
    {
        if (!await IsAlive(now, idleTimeout))
        {
            return null;
        }
        _lastSeen = now;
        if (now - state.State.LastSeen >= LastSeenWrittenEvery)
        {
            state.State.LastSeen = now;
            await state.WriteOrStartOverAsync(this);
        }
        return new WebSessionTicket(state.State.Ticket!, now);
    }

    public async Task<bool> IsAlive(DateTimeOffset now, TimeSpan idleTimeout)
    {
        if (state.State.Ticket is null)
        {
            return false;
        }
        if (now - LastSeen <= idleTimeout)
        {
            return true;
        }
        await SignOut();
        return false;
    }

    public async Task Renew(byte[] ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (state.State.Ticket is null)
        {
            return;
        }
        state.State.Ticket = ticket;
        state.State.LastSeen = now;
        _lastSeen = now;
        await state.WriteOrStartOverAsync(this);
    }

    public async Task SignOut()
    {
        _lastSeen = null;
        if (state.State.Ticket is null)
        {
            return;
        }
        // The row goes: an ended session keeps nothing (its ticket names the key's tenant and role).
        await state.ClearOrStartOverAsync(this);
        DeactivateOnIdle();
    }
}
