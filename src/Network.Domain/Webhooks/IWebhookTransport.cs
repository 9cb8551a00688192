namespace Network.Domain.Webhooks;

/// <summary>
/// POSTs one webhook call and answers the receiver's HTTP status; no answer (a timeout, no connection) throws. The
/// host supplies it over HTTP; the domain does not depend on an HTTP client.
/// </summary>
public interface IWebhookTransport
{
    Task<int> PostAsync(WebhookPost post, CancellationToken cancellationToken);
}

/// <summary>The transport of a silo without HTTP (grain tests): every call fails, so deliveries wait.</summary>
public sealed class UnconnectedWebhookTransport : IWebhookTransport
{
    public Task<int> PostAsync(WebhookPost post, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This silo sends no webhooks: deliveries wait until one that does runs.");
}
