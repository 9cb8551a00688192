using Network.Domain.Tenancy;

namespace Network.Messaging.Inbound;

/// <summary>Who signed the message being consumed: put on the consume context by <see cref="LinkKeyFilter"/>.</summary>
public sealed record LinkSender(TenantCaller Caller, string TenantId);
