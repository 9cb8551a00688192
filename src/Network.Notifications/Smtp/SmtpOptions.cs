using MailKit.Security;
using MimeKit;

namespace Network.Notifications.Smtp;

/// <summary>
/// The mail server Network sends through: the <c>Notifications:Smtp</c> configuration section. No <see cref="Host"/>
/// means e-mail is off (the inbox still has everything).
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    /// <summary>The server's name or address; empty turns e-mail off.</summary>
    public string? Host { get; set; }

    /// <summary>587 (submission, with STARTTLS) unless configured; implicit TLS usually listens on 465.</summary>
    public int Port { get; set; } = 587;

    /// <summary>When set, the sender authenticates with it and <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender: "network@example.org" or "GFMD Network &lt;network@example.org&gt;". Its domain also ends every Message-ID.</summary>
    public string? From { get; set; }

    /// <summary>
    /// <c>auto</c> (STARTTLS when the server offers it), <c>none</c> (never encrypt), <c>starttls</c> (STARTTLS
    /// required) or <c>tls</c> (TLS from the first byte, usually port 465); case-insensitive.
    /// </summary>
    public string Security { get; set; } = "auto";

    /// <summary>How long one step with the server (connect, a command, the message) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Throws an <see cref="InvalidOperationException"/> that names the setting to fix; nothing to check when e-mail is off.</summary>
    public void Validate()
    {
        if (!IsEnabled)
        {
            return;
        }
        _ = SocketOptions();
        _ = Sender();
        if (Port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{Section}:Port is {Port}; give a TCP port such as 587 (STARTTLS) or 465 (tls).");
        }
        if (Timeout <= TimeSpan.Zero || Timeout.TotalMilliseconds > int.MaxValue)
        {
            throw new InvalidOperationException($"{Section}:Timeout is {Timeout}; give a positive duration such as 00:00:30.");
        }
    }

    /// <summary>MailKit's name for <see cref="Security"/>.</summary>
    public SecureSocketOptions SocketOptions() => (Security ?? "").Trim().ToUpperInvariant() switch
    {
        "" or "AUTO" => SecureSocketOptions.StartTlsWhenAvailable,
        "NONE" => SecureSocketOptions.None,
        "STARTTLS" => SecureSocketOptions.StartTls,
        "TLS" => SecureSocketOptions.SslOnConnect,
        _ => throw new InvalidOperationException($"{Section}:Security is '{Security}'; give auto, none, starttls or tls."),
    };

    /// <summary>The parsed <see cref="From"/>: an address with a domain, and a display name when given.</summary>
    public MailboxAddress Sender()
    {
        if (string.IsNullOrWhiteSpace(From) || !MailboxAddress.TryParse(From.Trim(), out var sender) || !sender.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{Section}:From is '{From}'; give the sender's address, e.g. network@example.org or \"GFMD Network <network@example.org>\".");
        }
        return sender;
    }
}
