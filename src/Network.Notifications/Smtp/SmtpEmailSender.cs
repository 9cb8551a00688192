using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using Network.Domain.Notifications;
using Network.Notifications.Templates;

namespace Network.Notifications.Smtp;

/// <summary>
/// Sends an <see cref="OutgoingEmail"/> through the configured SMTP server with MailKit: one connection per e-mail
/// (a few a minute; nothing to keep open), authenticated when a username is set. A permanent (5xx) refusal of the
/// recipient or the message becomes <see cref="EmailRejectedException"/>; anything else (server down, timeout, 4xx,
/// a refused login or sender, which are the settings' fault and not the e-mail's) is rethrown, and the outbox retries.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    private readonly SmtpOptions _options = options.Value;

    public bool IsEnabled => _options.IsEnabled;

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var host = _options.Host;
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new InvalidOperationException($"E-mail is off: no SMTP server is configured ({SmtpOptions.Section}:Host).");
        }
        using var message = EmailMessageBuilder.Build(email, EmailComposer.Compose(email), _options.Sender());
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host.Trim(), _options.Port, _options.SocketOptions(), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_options.Username))
            {
                await client.AuthenticateAsync(_options.Username, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
            }
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e) when (IsPermanentRefusal(e))
        {
            throw new EmailRejectedException($"The mail server refused the e-mail to {email.To.Address} for good: {(int)e.StatusCode} {e.Message}", e);
        }
        await QuitAsync(client).ConfigureAwait(false);
    }

    /// <summary>5xx to RCPT TO or to the message itself. A 5xx to MAIL FROM is left out on purpose: it refuses the configured sender, so it would refuse every e-mail until the settings are fixed, and those must wait, not be dropped.</summary>
    private static bool IsPermanentRefusal(SmtpCommandException e) =>
        (int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;

    /// <summary>
    /// Says goodbye once the server has taken the e-mail. A failure here must not fail the send: the message is
    /// accepted, and an exception would make the outbox send it again.
    /// </summary>
    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException or ProtocolException or CommandException)
        {
            // The connection is closed when the client is disposed.
        }
    }
}
