using System.Net.Http.Headers;
using Network.Domain.Webhooks;

namespace Network.Host.Webhooks;

/// <summary>
/// Sends webhook calls with the named client <see cref="ClientName"/> (10 s timeout, redirects not followed: a
/// receiver that moved must be registered again, so the signed body never goes to an address nobody registered).
/// </summary>
public sealed class HttpWebhookTransport(IHttpClientFactory clients) : IWebhookTransport
{
    public const string ClientName = "webhooks";

    public async Task<int> PostAsync(WebhookPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        using var request = new HttpRequestMessage(HttpMethod.Post, post.Url)
        {
            Content = new ReadOnlyMemoryContent(post.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(WebhookPost.ContentType) { CharSet = "utf-8" };
        foreach (var (name, value) in post.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var client = clients.CreateClient(ClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return (int)response.StatusCode;
    }
}
