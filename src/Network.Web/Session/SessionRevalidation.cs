using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Network.Web.Session;

/// <summary>
/// Re-checks an open circuit's session every minute, even when the page makes no call: once it ended (signed out in
/// another tab, idle, key revoked) the circuit's user becomes anonymous and the router sends the browser to sign in.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, WebSessionStore sessions, WebSessionValidation validation)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return WebCallerClaims.Read(authenticationState.User) is { } signedIn
            && await sessions.IsAliveAsync(signedIn.SessionId)
            && await validation.IsStillValidAsync(signedIn);
    }
}
