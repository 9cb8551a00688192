namespace Network.Domain.Notifications;

/// <summary>
/// Writes an <see cref="OutgoingEmail"/> in its language and hands it to the mail server. Returns once the server
/// accepted it; throws <see cref="EmailRejectedException"/> when the server refuses it for good (e.g. no such
/// mailbox), anything else when it may work later (server down, timeout), and the outbox tries again.
/// The host supplies it (SMTP with MailKit); the domain does not depend on one.
/// </summary>
public interface IEmailSender
{
    /// <summary>False when no mail server is configured: e-mail is off and nothing is queued for it.</summary>
    bool IsEnabled { get; }

    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>The mail server refused the message permanently (a 5xx answer): trying again would not help.</summary>
public sealed class EmailRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The sender of a host without a mail server: e-mail is off; the inbox still has everything.</summary>
public sealed class DisabledEmailSender : IEmailSender
{
    public bool IsEnabled => false;

    public Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("E-mail is off: no SMTP server is configured (Notifications:Smtp:Host).");
}
