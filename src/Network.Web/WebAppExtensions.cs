using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;
using MudBlazor.Services;
using Network.Web.Commitments;
using Network.Web.Localization;
using Network.Web.Reports;
using Network.Web.Session;

namespace Network.Web;

/// <summary>
/// How the host serves the web app: <see cref="AddNetworkWeb"/> registers it, <see cref="MapNetworkWeb"/> maps it
/// (after the host's UseAuthentication/UseAuthorization). The API's key authentication stays the default scheme: the
/// web app's cookie is a scheme of its own that only the app's pages and circuit consult, so a cookie never
/// authenticates an API call.
/// </summary>
public static class WebAppExtensions
{
    public static WebApplicationBuilder AddNetworkWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // The static files of the app and its packages (MudBlazor's _content/...) are found through the build's
        // manifest in every environment, not only Development; a published app has them in wwwroot and this is a no-op.
        builder.WebHost.UseStaticWebAssets();

        // The process keeps the invariant culture (the API's answers and the logs must not change with the machine's
        // locale); only the web app's requests take the reader's language (see MapNetworkWeb).
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

        services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.Section))
            .Validate(
                o => o.SessionIdleTimeout > TimeSpan.Zero && o.SessionIdleTimeout <= Network.Domain.WebSessions.WebSessionsOfKeyGrain.LongestIdleTimeout,
                "Web:SessionIdleTimeout must be a positive time span of at most 30 days, e.g. 08:00:00.")
            .ValidateOnStart();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization();
        services.AddAntiforgery();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebSessionStore>();
        services.AddSingleton<WebSessionValidation>();
        services.AddSingleton<WebSignIn>();
        services.AddScoped<SignedInCaller>();
        services.AddScoped<Commitments.CommitmentLights>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, UseWebSessionStore>();
        services.AddAuthentication()
            .AddCookie(WebAuth.Scheme, cookie =>
            {
                cookie.Cookie.Name = WebAuth.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = WebPaths.SignIn;
                cookie.LogoutPath = WebPaths.SignOut;
                cookie.AccessDeniedPath = WebPaths.SignIn;
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = WebSessionValidation.ValidatePrincipalAsync;
            });
        services.AddOptions<CookieAuthenticationOptions>(WebAuth.Scheme)
            .Configure<IOptions<WebOptions>>((cookie, web) => cookie.ExpireTimeSpan = web.Value.SessionIdleTimeout);
        services.AddAuthorizationBuilder()
            .AddPolicy(WebAuth.Policy, policy => policy.AddAuthenticationSchemes(WebAuth.Scheme).RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        return builder;
    }

    public static WebApplication MapNetworkWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(WebPaths.IsWebRequest, web =>
        {
            web.UseRequestLocalization(WebCultures.LocalizationOptions());
            web.Use(SendUnknownPagesToNotFound);
            // The cookie is read only where the web app acts as the signed-in person (see WebPaths.UsesWebSession);
            // pages read it through their authorization policy.
            web.UseWhen(WebPaths.UsesWebSession, session => session.Use(async (context, next) =>
            {
                var signedIn = await context.AuthenticateAsync(WebAuth.Scheme);
                if (signedIn.Succeeded)
                {
                    context.User = signedIn.Principal;
                }
                await next(context);
            }));
            // Pages are never cached: after sign-out the back button must load (and be refused), not show a copy.
            // Static assets set their own caching and keep it.
            web.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    if (!context.Response.Headers.ContainsKey(HeaderNames.CacheControl))
                    {
                        context.Response.Headers.CacheControl = "no-store";
                    }
                    return Task.CompletedTask;
                });
                return next(context);
            });
        });
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapWebFormEndpoints();
        app.MapReportFileEndpoints();
        app.MapProgressSheetDownload();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// A browser asking for an address no endpoint answers is sent to the app's "not found" page, not shown the API's
    /// problem+json. The interactive router does a full page load for a link it has no page for, so this is also
    /// what a nav entry whose page does not exist yet leads to. Only page loads (GET, HTML accepted, no endpoint).
    /// </summary>
    private static async Task SendUnknownPagesToNotFound(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted
            && HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint() is null
            && context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            context.Response.Redirect(WebPaths.NotFound);
        }
    }
}
