using System.Security.Claims;
using Network.Domain.ApiKeys;
using Network.Domain.Tenancy;

namespace Network.Web.Session;

/// <summary>
/// What a web session remembers about its key, as claims of the server-side ticket (the cookie holds none of it):
/// the caller, the key's label and tenant name for the header, and the SHA-256 of the key to check it again before
/// each call. The key itself is never kept.
/// </summary>
public static class WebCallerClaims
{
    private const string Tenant = "network:tenant";
    private const string Role = "network:role";
    private const string KeyId = "network:key";
    private const string KeyHash = "network:key-hash";
    private const string KeyLabel = "network:key-label";
    private const string TenantName = "network:tenant-name";
    private const string SessionId = "network:web-session";

    public static ClaimsPrincipal Principal(AuthenticatedKey key, string keyHash, string tenantName)
    {
        ArgumentNullException.ThrowIfNull(key);
        var caller = key.Caller;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, caller.Tenant!.Value.Value),
            new Claim(Tenant, caller.Tenant!.Value.Value),
            new Claim(Role, caller.Role.ToString()),
            new Claim(KeyId, caller.KeyId!),
            new Claim(KeyHash, keyHash),
            new Claim(KeyLabel, key.Label),
            new Claim(TenantName, tenantName),
        ], WebAuth.Scheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Stamps the server-side session id into the stored ticket, so a circuit can find its session.</summary>
    public static void AddSessionId(ClaimsPrincipal principal, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var identity = (ClaimsIdentity)principal.Identity!;
        if (identity.FindFirst(SessionId) is { } old)
        {
            identity.RemoveClaim(old);
        }
        identity.AddClaim(new Claim(SessionId, sessionId));
    }

    /// <summary>The signed-in key behind <paramref name="principal"/>, or null when it is not a web session.</summary>
    public static SignedInKey? Read(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true, AuthenticationType: WebAuth.Scheme })
        {
            return null;
        }
        string? Value(string type) => principal.FindFirstValue(type);
        if (Value(Tenant) is not { } tenant || Value(KeyHash) is not { } hash || Value(KeyId) is not { } keyId
            || !Enum.TryParse<TenantRole>(Value(Role), out var role))
        {
            return null;
        }
        return new SignedInKey(
            TenantCaller.ForKey(TenantPath.Parse(tenant), role, keyId),
            hash,
            Value(KeyLabel) ?? string.Empty,
            Value(TenantName) ?? string.Empty,
            Value(SessionId));
    }
}

/// <summary>The key a web session signed in with, as the header shows it and the calls re-check it.</summary>
public sealed record SignedInKey(TenantCaller Caller, string KeyHash, string KeyLabel, string TenantName, string? SessionId);
