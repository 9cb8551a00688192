using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Network.Domain.Errors;

namespace Network.Domain.Notifications;

/// <summary>
/// The "stop these e-mails" link in every e-mail: it names the tenant, the contact's address and the category, and
/// carries an HMAC of the three, so it works without signing in and cannot be made for anyone else.
/// </summary>
public sealed class UnsubscribeLinks(IGrainFactory grains, IOptions<NotificationOptions> options)
{
    private byte[]? _key;

    public async Task<string> LinkAsync(string tenantId, string address, string category)
    {
        var token = await TokenAsync(new UnsubscribeRequest(tenantId, address, category));
        return options.Value.Link("notifications/unsubscribe?token=" + Uri.EscapeDataString(token)).ToString();
    }

    public async Task<string> TokenAsync(UnsubscribeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payload = Encoding.UTF8.GetBytes(request.Payload());
        var signature = HMACSHA256.HashData(await KeyAsync(), payload);
        return Base64Url(payload) + "." + Base64Url(signature);
    }

    /// <summary>The request a token stands for; a token altered, cut or signed with another key is refused.</summary>
    public async Task<UnsubscribeRequest> ReadAsync(string? token)
    {
        var parts = (token ?? "").Split('.');
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { } payload || FromBase64Url(parts[1]) is not { } signature ||
            !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(await KeyAsync(), payload), signature) ||
            UnsubscribeRequest.Parse(Encoding.UTF8.GetString(payload)) is not { } request)
        {
            throw new DomainValidationException("token", "This unsubscribe link is not valid: it may have been cut short when it was copied.");
        }
        return request;
    }

    private async Task<byte[]> KeyAsync()
    {
        if (_key is { } known)
        {
            return known;
        }
        var configured = options.Value.SigningKey;
        var key = string.IsNullOrWhiteSpace(configured)
            ? await grains.GetGrain<INotificationKeyGrain>(INotificationKeyGrain.Key).SigningKey()
            : ConfiguredKey(configured);
        return _key = key;
    }

    private static byte[] ConfiguredKey(string configured)
    {
        try
        {
            var key = Convert.FromBase64String(configured);
            return key.Length >= 32 ? key : throw new InvalidOperationException("Notifications:SigningKey must be base64 of at least 32 bytes.");
        }
        catch (FormatException error)
        {
            throw new InvalidOperationException("Notifications:SigningKey must be base64 of at least 32 bytes.", error);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Stop <see cref="Category"/> e-mail to <see cref="Address"/> among the contacts of <see cref="TenantId"/>.</summary>
public sealed record UnsubscribeRequest(string TenantId, string Address, string Category)
{
    internal string Payload() => string.Join('\n', TenantId, Address, Category);

    internal static UnsubscribeRequest? Parse(string payload) =>
        payload.Split('\n') is [var tenant, var address, var category] && Delivery.Categories.Contains(category)
            ? new UnsubscribeRequest(tenant, address, category)
            : null;
}
