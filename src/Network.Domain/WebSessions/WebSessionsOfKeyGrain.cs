using Network.Domain.Storage;

namespace Network.Domain.WebSessions;

/// <inheritdoc cref="IWebSessionsOfKeyGrain"/>
public sealed class WebSessionsOfKeyGrain(
    [PersistentState("websessionsofkey", StorageNames.Network)] IPersistentState<WebSessionsOfKeyGrain.State> state)
    : Grain, IWebSessionsOfKeyGrain
{
    /// <summary>
    /// Past this many remembered sessions, those already ended (signed out, idle) are dropped before one is added, so
    /// a key used for years keeps a short list. Asking a session whether it lives costs a grain call each.
    /// </summary>
    public const int PruneAbove = 32;

    /// <summary>
    /// The longest idle timeout a web app may set (it validates its setting against this), so a session idle longer
    /// has certainly ended: pruning ends and drops it (a browser closed without signing out leaves such a session).
    /// </summary>
    public static readonly TimeSpan LongestIdleTimeout = TimeSpan.FromDays(30);

    public sealed class State
    {
        public List<string> SessionIds { get; set; } = [];
    }

    public async Task Add(string sessionId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        if (state.State.SessionIds.Contains(sessionId))
        {
            return;
        }
        if (state.State.SessionIds.Count >= PruneAbove)
        {
            var alive = await Task.WhenAll(state.State.SessionIds.Select(async id =>
                (id, alive: await GrainFactory.GetGrain<IWebSessionGrain>(id).IsAlive(now, LongestIdleTimeout))));
            state.State.SessionIds = alive.Where(s => s.alive).Select(s => s.id).ToList();
        }
        state.State.SessionIds.Add(sessionId);
        await state.WriteOrStartOverAsync(this);
    }

    public async Task EndAll()
    {
        if (state.State.SessionIds.Count == 0)
        {
            return;
        }
        await Task.WhenAll(state.State.SessionIds.Select(id => GrainFactory.GetGrain<IWebSessionGrain>(id).SignOut()));
        await state.ClearOrStartOverAsync(this);
    }
}
