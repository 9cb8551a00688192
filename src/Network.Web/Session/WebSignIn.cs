using System.Security.Claims;
using Network.Domain.ApiKeys;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;

namespace Network.Web.Session;

/// <summary>Why a key could not sign in; the sign-in page says it in the reader's language.</summary>
public enum SignInRefusal
{
    Empty,
    UnknownOrRevoked,
    IntegrationKey,
}

/// <summary>The outcome of presenting a key: a principal to start a session with, or why not.</summary>
public sealed record SignInOutcome(ClaimsPrincipal? Principal, SignInRefusal? Refusal);

/// <summary>
/// Checks a key presented on the sign-in page. Only the key's SHA-256 outlives this call (in the server-side session),
/// so each later call can ask the tenant grain again whether the key is still valid.
/// </summary>
public sealed class WebSignIn(ApiKeyAuthenticator authenticator, IGrainFactory grains)
{
    public async Task<SignInOutcome> CheckAsync(string? presentedKey)
    {
        var key = presentedKey?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            return new SignInOutcome(null, SignInRefusal.Empty);
        }
        var hash = ApiKeySecrets.Hash(key);
        var found = await authenticator.AuthenticateHashAsync(hash);
        if (found is null)
        {
            return new SignInOutcome(null, SignInRefusal.UnknownOrRevoked);
        }
        if (found.Caller.Role == TenantRole.Integration)
        {
            return new SignInOutcome(null, SignInRefusal.IntegrationKey);
        }
        // The tenant's name is read as the key itself: the isolation filter lets a key describe its own tenant.
        using var _ = TenantCallContext.Enter(found.Caller);
        var tenant = await grains.GetGrain<ITenantGrain>(found.Caller.Tenant!.Value.Value).Describe();
        return new SignInOutcome(WebCallerClaims.Principal(found, hash, tenant?.Name ?? found.Caller.Tenant!.Value.TenantId), null);
    }
}
