namespace Network.Web;

/// <summary>
/// Which requests are the web app's. The HTTP API, its OpenAPI document and the health probes stay exactly as they
/// were: no culture, no cookie, no cache headers of the web app touch them.
/// </summary>
public static class WebPaths
{
    public const string SignIn = "/signin";
    public const string SignOut = "/signout";
    public const string Culture = "/culture";
    public const string NotFound = "/not-found";

    private static readonly string[] NotWeb = ["/api", "/openapi", "/health"];

    public static bool IsWebRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !NotWeb.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly string[] SessionPaths = ["/_blazor", SignOut, Culture];

    /// <summary>
    /// Requests that act as the signed-in person without a page's authorization policy: the interactive circuit's
    /// connection (its user becomes the circuit's user), the header's two form posts (their antiforgery tokens
    /// were issued to the signed-in user, so they validate only against that user).
    /// </summary>
    public static bool UsesWebSession(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SessionPaths.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// <paramref name="url"/> when it is a path on this site, otherwise "/": a return address from a query string or a
    /// form must never send the browser elsewhere (open redirect).
    /// </summary>
    public static string LocalOrRoot(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal)
            || url.StartsWith("/\\", StringComparison.Ordinal) || url.Any(char.IsControl))
        {
            return "/";
        }
        return url;
    }
}
