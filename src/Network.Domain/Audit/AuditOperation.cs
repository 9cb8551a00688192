using Network.Domain.Tenancy;

namespace Network.Domain.Audit;

/// <summary>
/// The change a call is making, carried in Orleans' request context to the grains it calls: the state storage adds
/// it to the audit trail in the same transaction as the first state the call writes (see the Host's write pipeline),
/// so a change and its audit line are committed together or not at all, and a call that changes nothing (a message
/// delivered again, a no-op) adds no line. The line's id is unique, so a second write in the same call, or the same
/// call sent again, stores it once.
/// </summary>
public static class AuditOperation
{
    private const string ContextKey = "network.audit";

    /// <summary>
    /// The changes of several calls that one write stores together (<see cref="EnterStoredTogether"/>): local to the
    /// grain's own flow, not in the request context, so the grains it calls meanwhile do not write them all again.
    /// </summary>
    private static readonly AsyncLocal<AuditEntry[]?> StoredTogether = new();

    /// <summary>The change this call is making, as a "done" entry, if a service declared one.</summary>
    public static AuditEntry? Current => RequestContext.Get(ContextKey) as AuditEntry;

    /// <summary>
    /// The lines the next write stores with its state: those of the calls whose changes it stores together, when a
    /// grain declared them (<see cref="EnterStoredTogether"/>), else the current call's, if any.
    /// </summary>
    public static IReadOnlyList<AuditEntry> ToStore => StoredTogether.Value ?? (Current is { } current ? [current] : []);

    /// <summary>
    /// For a grain that stores the changes of several calls in one write: the write carries each call's line (each
    /// declared in its own call) rather than the line of the call whose context the write runs in.
    /// </summary>
    public static IDisposable EnterStoredTogether(IReadOnlyList<AuditEntry> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var previous = StoredTogether.Value;
        StoredTogether.Value = [.. changes];
        return new RestoreStoredTogether(previous);
    }

    private sealed class RestoreStoredTogether(AuditEntry[]? previous) : IDisposable
    {
        public void Dispose() => StoredTogether.Value = previous;
    }

    /// <summary>Declares the change for the calls made from here on, until the returned scope is disposed.</summary>
    public static IDisposable Enter(AuditEntry done)
    {
        ArgumentNullException.ThrowIfNull(done);
        return RequestContextScope.Enter(ContextKey, done);
    }

    /// <summary>
    /// Names the change more exactly once the service knows more (the commitment's home tenant, the session's id),
    /// for the writes made from here on; nothing when no change is declared.
    /// </summary>
    public static IDisposable? Refine(string? tenant = null, string? target = null) =>
        Current is { } current ? Enter(current with { Tenant = tenant ?? current.Tenant, Target = target ?? current.Target }) : null;

    /// <summary>No change is declared from here on (the engine's own effects are recorded as its own).</summary>
    public static IDisposable Suspend() => RequestContextScope.Enter(ContextKey, null);
}
