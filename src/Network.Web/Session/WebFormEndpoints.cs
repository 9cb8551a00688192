using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Network.Web.Localization;

namespace Network.Web.Session;

/// <summary>
/// The two plain form posts of the app's header: sign out, and choose the language. Both check the antiforgery token
/// themselves (they bind no form model, so the framework does not) and answer with a redirect.
/// </summary>
public static class WebFormEndpoints
{
    public static void MapWebFormEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(WebPaths.SignOut, SignOutAsync).ExcludeFromDescription();
        endpoints.MapPost(WebPaths.Culture, ChooseCultureAsync).ExcludeFromDescription();
    }

    /// <summary>Ends the session on the server (the store forgets it) and deletes the cookie; then the sign-in page.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return FormExpired();
        }
        // The cookie handler removes the session from the store when it signs out a ticket it can read.
        await context.SignOutAsync(WebAuth.Scheme);
        return Results.Redirect(WebPaths.SignIn);
    }

    private static async Task<IResult> ChooseCultureAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return FormExpired();
        }
        // Read by hand, not bound: a bound form would be refused by the framework with an empty 400 before this runs.
        var form = await context.Request.ReadFormAsync();
        string? culture = form["culture"];
        string? returnUrl = form["returnUrl"];
        if (!WebCultures.IsSupported(culture))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "That language is not offered.",
                detail: $"'{culture}' is not one of {string.Join(", ", WebCultures.Supported)}.");
        }
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, WebCultures.CookieValue(culture!),
            new CookieOptions
            {
                Path = "/",
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
        return Results.LocalRedirect(WebPaths.LocalOrRoot(returnUrl));
    }

    /// <summary>A token that does not match this browser's session: an old page, another tab signed out, or forgery.</summary>
    private static IResult FormExpired() => Results.Problem(statusCode: StatusCodes.Status400BadRequest,
        title: "The form has expired.", detail: "Reload the page and try again.");
}
