namespace Network.Domain.Webhooks;

/// <summary>A registration as the outbox stores it (with its secret, which only the creation answer shows).</summary>
public sealed class StoredWebhook
{
    public string Id { get; set; } = "";
    public string Url { get; set; } = "";
    public List<string> Events { get; set; } = [];

    /// <summary>The HMAC key of the signatures: kept as given to the coordinator, since every call is signed with it.</summary>
    public string Secret { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public bool Enabled { get; set; } = true;
    public string? DisabledReason { get; set; }
    public DateTimeOffset? DisabledSince { get; set; }

    /// <summary>The first failed attempt since the last success; null while the receiver answers.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>How often the webhook was disabled: part of the inbox notice's id, so each disabling is told once.</summary>
    public int Disablings { get; set; }

    /// <summary>False between a disabling and its notice in the inbox, so a crash in between still tells the coordinator.</summary>
    public bool NoticeGiven { get; set; } = true;
}

/// <summary>An event waiting to be delivered to one webhook.</summary>
public sealed class PendingDelivery
{
    /// <summary><c>{messageId}#{webhookId}</c>: the same on every attempt and every resend of the event.</summary>
    public string DeliveryId { get; set; } = "";

    public string WebhookId { get; set; } = "";
    public string EventType { get; set; } = "";

    /// <summary>The body, exactly as it is signed and sent.</summary>
    public string Json { get; set; } = "";

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }
}
