namespace Network.Domain.Webhooks;

/// <summary>The headers every webhook call carries besides <c>Content-Type: application/json</c>.</summary>
public static class WebhookHeaders
{
    /// <summary>The delivery id (<c>{messageId}#{webhookId}</c>): the same on every attempt, so a receiver drops repeats by it.</summary>
    public const string Delivery = "Network-Delivery";

    /// <summary>The event type, e.g. <c>ProgressReported</c> or <c>webhook.test</c>.</summary>
    public const string Event = "Network-Event";

    /// <summary>When this attempt was sent, in Unix seconds.</summary>
    public const string Timestamp = "Network-Timestamp";

    /// <summary>See <see cref="WebhookSignature"/>.</summary>
    public const string Signature = "Network-Signature";
}
