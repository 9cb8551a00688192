using MimeKit;

namespace Network.Host.Tests.Notifications;

/// <summary>Reading what the SMTP server received the way a mail filter would: by recipient and Network's headers.</summary>
public static class ReceivedMail
{
    public static string? Kind(this MimeMessage message) => message.Headers["X-Network-Kind"];

    public static string? Level(this MimeMessage message) => message.Headers["X-Network-Level"];

    public static string? Commitment(this MimeMessage message) => message.Headers["X-Network-Commitment"];

    /// <summary>On the body: MimeKit keeps Content-* headers with the entity they describe.</summary>
    public static string? Language(this MimeMessage message) => message.Body?.Headers[HeaderId.ContentLanguage];

    public static bool IsTo(this MimeMessage message, string address) =>
        message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<MimeMessage> To(this IEnumerable<MimeMessage> messages, string address) =>
        messages.Where(m => m.IsTo(address)).ToList();

    public static IReadOnlyList<MimeMessage> Escalations(this IEnumerable<MimeMessage> messages, string address, string commitmentId, int level) =>
        messages.To(address).Where(m => m.Kind() == "escalation" && m.Level() == level.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && m.Commitment() == commitmentId).ToList();

    /// <summary>The link after "List-Unsubscribe: &lt;…&gt;".</summary>
    public static Uri UnsubscribeLink(this MimeMessage message)
    {
        var header = message.Headers[HeaderId.ListUnsubscribe] ?? throw new InvalidOperationException("no List-Unsubscribe header");
        return new Uri(header.Trim().TrimStart('<').TrimEnd('>'));
    }
}
