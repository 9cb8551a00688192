namespace Network.Web.Session;

/// <summary>Names of the web app's sign-in: its cookie scheme (never the API's) and the policy every page requires.</summary>
public static class WebAuth
{
    /// <summary>The cookie scheme. Only the web app's pages and circuit use it; the API authenticates API keys only.</summary>
    public const string Scheme = "NetworkWeb";

    public const string Policy = "NetworkWebSignedIn";

    public const string CookieName = ".Network.Session";
}
