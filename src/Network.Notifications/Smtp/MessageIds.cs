using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Network.Notifications.Smtp;

/// <summary>
/// The Message-ID of a delivery: the same for every attempt at the same <c>DeliveryId</c>, so a receiver (or a mail
/// client) can drop the copy a resend after a crash makes. The id is hashed: it may hold characters a Message-ID
/// cannot, and the recipient has no business reading the outbox's keys.
/// </summary>
internal static class MessageIds
{
    /// <returns>"hex@domain" (MimeKit adds the angle brackets): 128 bits of SHA-256 and the sender's domain in ASCII.</returns>
    public static string For(string deliveryId, string senderDomain)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "@" + AsciiDomain(senderDomain);
    }

    /// <summary>An internationalised domain as its punycode form: a Message-ID is ASCII.</summary>
    private static string AsciiDomain(string domain)
    {
        var trimmed = domain.Trim().TrimEnd('.');
        return trimmed.Any(c => c > '\u007f') ? new IdnMapping().GetAscii(trimmed).ToLowerInvariant() : trimmed.ToLowerInvariant();
    }
}
