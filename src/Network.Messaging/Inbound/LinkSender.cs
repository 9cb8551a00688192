using Network.Domain.Audit;
using Network.Domain.Tenancy;

namespace Network.Messaging.Inbound;

/// <summary>Who signed the message being consumed: put on the consume context by <see cref="LinkKeyFilter"/>.</summary>
public sealed record LinkSender(TenantCaller Caller, string TenantId)
{
    /// <summary>
    /// Enters the sender as the caller of what the consumer does next, and as the audit trail's actor: its integration
    /// key and the message's id (<paramref name="appliedId"/> as <see cref="LinkMessageGuard.Admit"/> gave it).
    /// </summary>
    public IDisposable Enter(string appliedId)
    {
        ArgumentNullException.ThrowIfNull(appliedId);
        var messageId = appliedId[(appliedId.IndexOf('|', StringComparison.Ordinal) + 1)..];
        var caller = TenantCallContext.Enter(Caller);
        var actor = AuditActor.Enter(AuditActor.ForKey(Caller, null, AuditDoors.Bus, messageId));
        return new Both(actor, caller);
    }

    private sealed class Both(IDisposable inner, IDisposable outer) : IDisposable
    {
        public void Dispose()
        {
            inner.Dispose();
            outer.Dispose();
        }
    }
}
