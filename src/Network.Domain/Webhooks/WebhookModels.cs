namespace Network.Domain.Webhooks;

/// <summary>A webhook as its outbox grain shows it: never the secret.</summary>
/// <param name="Pending">Deliveries waiting to be sent (or retried).</param>
[GenerateSerializer, Immutable]
public sealed record WebhookInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] bool Enabled,
    [property: Id(5)] string? DisabledReason,
    [property: Id(6)] DateTimeOffset? DisabledSince,
    [property: Id(7)] int Pending);

/// <summary>A webhook just registered, with its secret: the only answer that carries it.</summary>
[GenerateSerializer, Immutable]
public sealed record RegisteredWebhook([property: Id(0)] WebhookInfo Webhook, [property: Id(1)] string Secret);

/// <summary>One attempt to deliver an event to a webhook, as its log keeps it.</summary>
/// <param name="Attempt">1 for the first try of this delivery, 2 for its first retry, …</param>
/// <param name="Status">The receiver's HTTP status; null when no answer came (<paramref name="Error"/> says why).</param>
/// <param name="Outcome"><see cref="WebhookOutcomes"/>.</param>
[GenerateSerializer, Immutable]
public sealed record WebhookAttempt(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string EventType,
    [property: Id(2)] int Attempt,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int? Status,
    [property: Id(5)] string? Error,
    [property: Id(6)] long DurationMs,
    [property: Id(7)] string Outcome);

/// <summary>A page of a webhook's log, newest first, and how many attempts the log holds.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookAttemptPage([property: Id(0)] IReadOnlyList<WebhookAttempt> Items, [property: Id(1)] int Total);

public static class WebhookOutcomes
{
    /// <summary>The receiver answered 2xx: the delivery is done.</summary>
    public const string Delivered = "delivered";

    /// <summary>Any other answer, a timeout or no connection: the delivery is tried again later.</summary>
    public const string Failed = "failed";
}
