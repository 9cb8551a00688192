namespace Network.Notifications.Templates;

/// <summary>
/// The only addresses an e-mail links to: absolute http or https. A javascript:, data:, mailto: or relative address in
/// the facts (they come from settings and workflow definitions) is dropped rather than shown or linked.
/// </summary>
internal static class WebLink
{
    /// <returns>The address in its escaped absolute form (no spaces, so plain text never breaks it), or null.</returns>
    public static string? Safe(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || !Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }
        var web = (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
        return web ? uri.AbsoluteUri : null;
    }
}
