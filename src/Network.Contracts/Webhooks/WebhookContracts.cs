namespace Network.Contracts.Webhooks;

/// <summary>The request to register a webhook for a tenant.</summary>
/// <param name="Url">Where the events are POSTed: an absolute <c>https://</c> URL without user name or password.</param>
/// <param name="Events">The event types to receive: names of the events the tenant links carry (e.g. <c>ProgressReported</c>, <c>EscalationRaised</c>).</param>
public sealed record CreateWebhookRequest(string Url, IReadOnlyList<string> Events);

/// <summary>A webhook as lists show it: never its secret.</summary>
/// <param name="Enabled">False once its deliveries failed for too long (<see cref="DisabledReason"/> says why); enable it again to resume.</param>
/// <param name="Pending">Deliveries waiting to be sent or retried.</param>
public sealed record WebhookResource(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    DateTimeOffset CreatedAt,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? DisabledSince,
    int Pending);

/// <summary>A webhook just registered. <see cref="Secret"/> signs every call (<c>Network-Signature</c>) and is shown this once.</summary>
public sealed record CreatedWebhookResource(
    string Id,
    string Url,
    IReadOnlyList<string> Events,
    DateTimeOffset CreatedAt,
    bool Enabled,
    string Secret);

/// <summary>One attempt to deliver an event to a webhook.</summary>
/// <param name="DeliveryId">The <c>Network-Delivery</c> header: the same on every attempt of one delivery.</param>
/// <param name="Attempt">1 for the first try, 2 for the first retry, …</param>
/// <param name="Status">The receiver's HTTP status; absent when no answer came (<paramref name="Error"/> says why).</param>
/// <param name="Outcome"><c>delivered</c> (2xx) or <c>failed</c> (retried later).</param>
public sealed record WebhookDeliveryAttemptResource(
    string DeliveryId,
    string Event,
    int Attempt,
    DateTimeOffset At,
    int? Status,
    string? Error,
    long DurationMs,
    string Outcome);

/// <summary>A page of a webhook's delivery log (the newest 200 attempts are kept), newest first.</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryAttemptResource> Items, int Total, int Offset, int Limit);

/// <summary>The test ping queued for a webhook: look for this id in the <c>Network-Delivery</c> header and the log.</summary>
public sealed record WebhookTestDeliveryResource(string DeliveryId);
