using Network.Domain.Links;
using Network.Domain.Tenancy;
using Orleans.Concurrency;

namespace Network.Domain.Webhooks;

/// <summary>
/// One tenant's webhooks, the deliveries waiting for them and each one's log; keyed by
/// <see cref="WebhookOutboxGrain.KeyFor"/>. A delivery it accepted is stored before the call returns and stays until
/// its receiver answered 2xx: a receiver that is down, a timeout or a crash of the host delays it, never loses it.
/// Reads and changes are for the tenant's coordinators (the service checks first; the grain checks again).
/// </summary>
public interface IWebhookOutboxGrain : ITenantScopedGrain
{
    /// <summary>Registers a webhook, enabled, with a new id and secret.</summary>
    Task<RegisteredWebhook> Register(string url, IReadOnlyList<string> events);

    Task<IReadOnlyList<WebhookInfo>> List();

    /// <summary>The webhook, or null when the tenant has none by that id.</summary>
    Task<WebhookInfo?> Describe(string webhookId);

    /// <summary>Deletes the webhook with its waiting deliveries and log; false when there was none.</summary>
    Task<bool> Delete(string webhookId);

    /// <summary>Enables a disabled webhook; its waiting deliveries go out at once. Null when there is none by that id.</summary>
    Task<WebhookInfo?> Enable(string webhookId);

    /// <summary>Queues a <see cref="WebhookRules.TestEvent"/> ping and answers its delivery id; null when there is no such webhook.</summary>
    Task<string?> SendTest(string webhookId);

    /// <summary>The webhook's log, newest first; null when there is no such webhook.</summary>
    Task<WebhookAttemptPage?> Attempts(string webhookId, int offset, int limit);

    /// <summary>
    /// Queues one delivery of the event per enabled webhook that takes its type (engine only); a delivery id already
    /// queued or sent is dropped, so handing the same event on twice sends it once.
    /// </summary>
    [AlwaysInterleave]
    Task Enqueue(LinkMessage message);
}
