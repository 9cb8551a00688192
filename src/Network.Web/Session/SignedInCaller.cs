using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Network.Domain.Audit;
using Network.Domain.Tenancy;

namespace Network.Web.Session;

/// <summary>
/// The web app's only way to the domain. Each call first checks that the session is alive and its key still valid
/// (the stored hash, through the key index and the tenant grain, as the API does for each request), then runs with
/// the signed-in caller in <see cref="TenantCallContext"/>, so every rule the domain enforces applies to the page.
/// When the key is gone the session ends, the browser goes to the sign-in page and <see cref="SessionEndedException"/>
/// stops the page. Scoped: one per circuit (or per request when prerendering).
/// </summary>
public sealed class SignedInCaller(
    AuthenticationStateProvider authentication,
    WebSessionStore sessions,
    WebSessionValidation validation,
    NavigationManager navigation)
{
    /// <summary>The key of this session as signed in (for the header); null when nobody is signed in.</summary>
    public async Task<SignedInKey?> CurrentAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return WebCallerClaims.Read(state.User);
    }

    /// <summary>
    /// The signed-in key, for what a page shows before it calls anything (whose tenant, may it act as coordinator).
    /// The circuit's authentication state is set before any page renders, so it is read without waiting; with no
    /// session it throws <see cref="SessionEndedException"/>, which the layout's boundary turns into nothing shown.
    /// </summary>
    public SignedInKey Key =>
        (authentication.GetAuthenticationStateAsync() is { IsCompletedSuccessfully: true } state ? WebCallerClaims.Read(state.Result.User) : null)
        ?? throw new SessionEndedException();

    /// <summary>The id of the signed-in tenant: the scope pages show by default.</summary>
    public string TenantId => Key.Caller.Tenant!.Value.TenantId;

    /// <summary>Whether the key is a coordinator's: pages offer coordinators' actions only then (the domain checks again).</summary>
    public bool IsCoordinator => Key.Caller.Role == TenantRole.Coordinator;

    public async Task<T> CallAsync<T>(Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var key = await VerifiedKeyAsync();
        using var _ = TenantCallContext.Enter(key.Caller);
        using var __ = AuditActor.Enter(AuditActor.ForKey(key.Caller, key.KeyLabel, AuditDoors.Web));
        return await action();
    }

    public async Task CallAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var key = await VerifiedKeyAsync();
        using var _ = TenantCallContext.Enter(key.Caller);
        using var __ = AuditActor.Enter(AuditActor.ForKey(key.Caller, key.KeyLabel, AuditDoors.Web));
        await action();
    }

    /// <summary>
    /// The caller when the session is alive and its key valid; otherwise ends the session, sends the browser to the
    /// sign-in page and throws <see cref="SessionEndedException"/>.
    /// </summary>
    public async Task<TenantCaller> VerifyAsync() => (await VerifiedKeyAsync()).Caller;

    private async Task<SignedInKey> VerifiedKeyAsync()
    {
        var signedIn = await CurrentAsync();
        if (signedIn is not null && await sessions.TouchAsync(signedIn.SessionId) && await validation.IsStillValidAsync(signedIn))
        {
            return signedIn;
        }
        if (signedIn?.SessionId is { } id)
        {
            await sessions.RemoveAsync(id);
        }
        // A full load: the circuit of a dead session must not keep rendering; the sign-in page is static.
        navigation.NavigateTo(WebPaths.SignIn, forceLoad: true, replace: true);
        throw new SessionEndedException();
    }
}
