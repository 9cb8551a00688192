using System.Security.Cryptography;
using System.Text;

namespace Network.Domain.Webhooks;

/// <summary>
/// The <c>Network-Signature</c> header of a webhook call: <c>sha256=</c> and the lowercase hex of HMAC-SHA256 over
/// the exact body bytes, keyed with the webhook secret's UTF-8 bytes. A receiver recomputes it to know the call came
/// from the network and the body was not changed on the way.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || header is null)
        {
            return false;
        }
        // Compared in constant time, so the time an answer takes does not tell a forger how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));
    }
}
