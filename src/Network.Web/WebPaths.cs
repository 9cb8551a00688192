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

    private static readonly string[] NotWeb = ["/api", "/openapi", "/health"];

    public static bool IsWebRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !NotWeb.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The Blazor hub: the interactive circuit's connection.</summary>
    public static bool IsCircuit(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);
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
