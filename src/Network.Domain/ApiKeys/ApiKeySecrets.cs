using System.Security.Cryptography;
using System.Text;

namespace Network.Domain.ApiKeys;

/// <summary>
/// Makes and hashes API keys. A generated key has 256 random bits, so a plain SHA-256 is enough to store it:
/// there is nothing to guess that a slow hash would protect.
/// </summary>
public static class ApiKeySecrets
{
    private const string Prefix = "nwk_";

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string NewKeyId() => "key-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Compares two hashes in constant time, so timing does not reveal how much of a guess was right.</summary>
    public static bool HashesEqual(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));
}
