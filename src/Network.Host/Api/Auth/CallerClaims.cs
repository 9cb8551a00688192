using System.Security.Claims;
using Network.Domain.Tenancy;

namespace Network.Host.Api.Auth;

/// <summary>Carries the authenticated <see cref="TenantCaller"/> in the request's claims.</summary>
public static class CallerClaims
{
    private const string Tenant = "network:tenant";
    private const string Role = "network:role";
    private const string KeyId = "network:key";
    private const string KeyLabel = "network:key-label";

    public static IEnumerable<Claim> From(TenantCaller caller, string label)
    {
        ArgumentNullException.ThrowIfNull(caller);
        yield return new Claim(Tenant, caller.Tenant!.Value.Value);
        yield return new Claim(Role, caller.Role.ToString());
        yield return new Claim(KeyId, caller.KeyId!);
        yield return new Claim(KeyLabel, label);
    }

    /// <summary>The label the key's coordinator gave it (the audit trail names it beside the key id).</summary>
    public static string? KeyLabelOf(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.FindFirstValue(KeyLabel);
    }

    /// <summary>The caller behind this request. Only valid on endpoints that require authentication.</summary>
    public static TenantCaller Caller(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        return TenantCaller.ForKey(
            TenantPath.Parse(user.FindFirstValue(Tenant) ?? throw new InvalidOperationException("The request is not authenticated.")),
            Enum.Parse<TenantRole>(user.FindFirstValue(Role)!),
            user.FindFirstValue(KeyId)!);
    }
}
