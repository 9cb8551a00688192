using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Network.Domain.ApiKeys;

namespace Network.Web.Session;

/// <summary>
/// Checks on every page request that the session's key is still the valid key it was: a revoked key's session is
/// ended before the page renders, and the browser goes to the sign-in page.
/// </summary>
public sealed class WebSessionValidation(ApiKeyAuthenticator authenticator, WebSessionStore sessions)
{
    public async Task<bool> IsStillValidAsync(SignedInKey signedIn)
    {
        ArgumentNullException.ThrowIfNull(signedIn);
        var current = await authenticator.AuthenticateHashAsync(signedIn.KeyHash);
        if (current is not null && current.Caller == signedIn.Caller)
        {
            return true;
        }
        await sessions.EndSessionsOfKeyAsync(signedIn.KeyHash);
        return false;
    }

    internal static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var validation = context.HttpContext.RequestServices.GetRequiredService<WebSessionValidation>();
        if (WebCallerClaims.Read(context.Principal) is not { } signedIn || !await validation.IsStillValidAsync(signedIn))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(WebAuth.Scheme);
        }
    }
}
