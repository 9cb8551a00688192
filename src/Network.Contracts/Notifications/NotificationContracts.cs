namespace Network.Contracts.Notifications;

/// <summary>Send a test e-mail to one of the tenant's contacts (by address).</summary>
public sealed record TestEmailRequest(string? Address);

/// <summary>The test e-mail is queued; its <c>Message-ID</c> is made from <paramref name="DeliveryId"/>.</summary>
public sealed record TestEmailResource(string DeliveryId, string Address);

/// <summary>A tenant's e-mail on its way: waiting for the mail server (with the last error) and digests gathering.</summary>
public sealed record MailOutboxResource(bool EmailIsOn, IReadOnlyList<PendingEmailResource> Pending, IReadOnlyList<OpenDigestResource> Digests);

public sealed record PendingEmailResource(string DeliveryId, string Kind, string Address, int Attempts, DateTimeOffset NextAttemptAt, string? LastError);

public sealed record OpenDigestResource(string Address, DateTimeOffset OpenedAt, DateTimeOffset DueAt, int Lines);
