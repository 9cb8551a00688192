namespace Network.Documents.Writers;

/// <summary>
/// The writers' own check of a link's address before they make it a link: <see cref="Layout.Links"/> already keeps
/// only http and https, but a <see cref="Layout.Link"/> can be built directly, and a javascript: or file: address
/// must never become clickable in a report.
/// </summary>
internal static class WebAddress
{
    public static bool IsWeb(Uri address) =>
        address.IsAbsoluteUri && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps);
}
