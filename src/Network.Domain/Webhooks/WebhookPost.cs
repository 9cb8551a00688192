using System.Globalization;
using System.Text;

namespace Network.Domain.Webhooks;

/// <summary>
/// One webhook call, ready to send: the URL, the body (the event's JSON as UTF-8) and the <see cref="WebhookHeaders"/>
/// with the signature over exactly these bytes. Made anew for each attempt (the timestamp is the attempt's).
/// </summary>
public sealed record WebhookPost(Uri Url, ReadOnlyMemory<byte> Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public const string ContentType = "application/json";

    public static WebhookPost Create(string url, string secret, string deliveryId, string eventType, string json, DateTimeOffset now)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return new WebhookPost(new Uri(url, UriKind.Absolute), body,
        [
            new(WebhookHeaders.Delivery, deliveryId),
            new(WebhookHeaders.Event, eventType),
            new(WebhookHeaders.Timestamp, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new(WebhookHeaders.Signature, WebhookSignature.Sign(secret, body)),
        ]);
    }
}
