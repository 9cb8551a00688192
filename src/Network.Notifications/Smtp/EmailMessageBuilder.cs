using System.Text;
using MimeKit;
using MimeKit.Text;
using Network.Domain.Notifications;
using Network.Notifications.Templates;

namespace Network.Notifications.Smtp;

/// <summary>
/// The MIME message of a composed e-mail: multipart/alternative with the plain text first and the HTML last (clients
/// show the last they can), a Message-ID stable per delivery, <c>Auto-Submitted</c> so auto-responders stay quiet
/// (RFC 3834), a <c>Date</c> that is when the network wrote the e-mail (the escalation raised, the digest gathered),
/// not when a retry finally got it through, one-click unsubscribe headers (RFC 8058) when the e-mail has an unsubscribe link, and
/// <c>X-Network-Kind</c>, <c>X-Network-Level</c>, <c>X-Network-Commitment</c> for mail rules.
/// </summary>
internal static class EmailMessageBuilder
{
    /// <exception cref="EmailRejectedException">The recipient's address cannot be parsed: no retry would fix it.</exception>
    public static MimeMessage Build(OutgoingEmail email, ComposedEmail composed, MailboxAddress from)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(Recipient(email.To));
        message.Subject = composed.Subject;
        // The reader's mail sorts by Date: rungs of one escalation queued in different tenants' outboxes keep the order
        // they were raised in, and a resend after a crash is the same message (same Message-ID, same Date).
        message.Date = email.At;
        message.MessageId = MessageIds.For(email.DeliveryId, from.Domain);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        // For the reader's mail rules (a folder for escalations, say) and for receivers that sort by commitment.
        message.Headers.Add("X-Network-Kind", email.Kind);
        if (email.Level is { } level)
        {
            message.Headers.Add("X-Network-Level", level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (email.Commitment is { } commitment)
        {
            message.Headers.Add("X-Network-Commitment", commitment.Id);
        }
        if (WebLink.Safe(email.UnsubscribeLink) is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", "<" + unsubscribe + ">");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var text = new TextPart(TextFormat.Plain);
        text.SetText(Encoding.UTF8, composed.Text);
        var html = new TextPart(TextFormat.Html);
        html.SetText(Encoding.UTF8, composed.Html);
        var body = new MultipartAlternative { text, html };
        // On the body, not the message: MimeKit keeps Content-* headers with the entity they describe.
        body.Headers.Add(HeaderId.ContentLanguage, Labels.EmailLabels.For(email.Language).Language);
        message.Body = body;
        return message;
    }

    private static MailboxAddress Recipient(EmailRecipient to)
    {
        if (to is null || !MailboxAddress.TryParse(to.Address?.Trim() ?? "", out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new EmailRejectedException($"The recipient's address '{to?.Address}' is not an e-mail address.");
        }
        // The name is the contact's as recorded, not what the address string happened to carry.
        return new MailboxAddress(Templates.UserText.SingleLine(to.Name), parsed.Address);
    }
}
