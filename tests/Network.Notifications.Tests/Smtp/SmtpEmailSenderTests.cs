using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Network.Domain.Notifications;
using Network.Notifications.Smtp;
using Network.Notifications.Templates;
using Network.Testing;

namespace Network.Notifications.Tests.Smtp;

/// <summary>The sender against a real SMTP server in the test process (<see cref="SmtpTestServer"/>) on loopback.</summary>
public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private SmtpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static SmtpEmailSender Sender(int port, string? username = null, string? password = null, string security = "auto") =>
        new(Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Username = username,
            Password = password,
            From = "GFMD Network <network@example.org>",
            Security = security,
            Timeout = TimeSpan.FromSeconds(10),
        }));

    [Fact]
    public async Task The_email_arrives_with_a_plain_text_and_an_html_part_and_the_list_headers()
    {
        await Sender(_server.Port).SendAsync(Samples.Email(EmailKinds.Escalation), CancellationToken.None);

        var received = Assert.Single(_server.Received);
        var message = received.Message;
        Assert.Equal(["ana@example.org"], received.EnvelopeTo);
        Assert.Equal("network@example.org", received.EnvelopeFrom);
        Assert.Equal("GFMD Network", Assert.IsType<MailboxAddress>(Assert.Single(message.From)).Name);
        Assert.Equal("Ana Pérez", Assert.Single(message.To).Name);
        Assert.StartsWith("Reminder: no progress on “Publish a joint report", message.Subject);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(part => part.ContentType.MimeType));
        Assert.Contains("https://network.example.org/commitments/c-2016-C-07", message.TextBody);
        Assert.Contains("href=\"https://network.example.org/commitments/c-2016-C-07\"", message.HtmlBody);
        Assert.Contains("Ana Pérez", message.TextBody);
        Assert.Equal("<https://network.example.org/unsubscribe?token=abc123>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("en", alternative.Headers[HeaderId.ContentLanguage]);
        Assert.Matches("^[0-9a-f]{32}@example\\.org$", message.MessageId);
        // When the network wrote it, not when the send finally went through.
        Assert.Equal(Samples.At, message.Date);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("es")]
    public async Task Accents_and_quotes_in_the_subject_and_body_arrive_as_written(string language)
    {
        var email = Samples.Email(EmailKinds.TaskDueSoon, language) with { TaskTitle = "Rapport « forum » – año 2026 ✓" };
        var composed = EmailComposer.Compose(email);

        await Sender(_server.Port).SendAsync(email, CancellationToken.None);

        var message = Assert.Single(_server.Messages);
        Assert.Equal(composed.Subject, message.Subject);
        Assert.Equal(composed.Text, message.TextBody);
        Assert.Equal(composed.Html, message.HtmlBody);
        Assert.Equal(language, Assert.IsType<MultipartAlternative>(message.Body).Headers[HeaderId.ContentLanguage]);
    }

    [Fact]
    public async Task The_message_id_is_the_same_for_the_same_delivery_and_differs_between_deliveries()
    {
        var sender = Sender(_server.Port);
        var email = Samples.Email(EmailKinds.CheckIn);

        await sender.SendAsync(email, CancellationToken.None);
        await sender.SendAsync(email, CancellationToken.None);
        await sender.SendAsync(email with { DeliveryId = "check-in:c-2016-C-07:ana@example.org:2026-04" }, CancellationToken.None);

        var ids = _server.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task Without_an_unsubscribe_link_there_is_no_list_unsubscribe_header()
    {
        await Sender(_server.Port).SendAsync(Samples.Email(EmailKinds.Test) with { UnsubscribeLink = null }, CancellationToken.None);

        var message = Assert.Single(_server.Messages);
        Assert.Null(message.Headers["List-Unsubscribe"]);
        Assert.Null(message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task A_550_for_the_recipient_is_a_rejection()
    {
        _server.Refuse("ana@example.org");

        var error = await Assert.ThrowsAsync<EmailRejectedException>(() => Sender(_server.Port).SendAsync(Samples.Email(EmailKinds.CheckIn), CancellationToken.None));

        Assert.Contains("550", error.Message);
        Assert.IsType<SmtpCommandException>(error.InnerException);
        Assert.Empty(_server.Messages);
    }

    [Fact]
    public async Task A_4xx_for_the_recipient_is_rethrown_as_is_for_the_outbox_to_retry()
    {
        _server.Refuse("ana@example.org", 451);

        var error = await Assert.ThrowsAsync<SmtpCommandException>(() => Sender(_server.Port).SendAsync(Samples.Email(EmailKinds.CheckIn), CancellationToken.None));

        Assert.Equal(451, (int)error.StatusCode);
    }

    [Fact]
    public async Task An_address_that_is_no_address_is_a_rejection()
    {
        var email = Samples.Email(EmailKinds.CheckIn) with { To = new EmailRecipient("Ana", "not an address") };

        await Assert.ThrowsAsync<EmailRejectedException>(() => Sender(_server.Port).SendAsync(email, CancellationToken.None));
    }

    [Fact]
    public async Task With_no_server_listening_the_error_is_not_a_rejection()
    {
        var port = FreePorts.Next();

        var error = await Record.ExceptionAsync(() => Sender(port).SendAsync(Samples.Email(EmailKinds.CheckIn), CancellationToken.None));

        Assert.NotNull(error);
        Assert.IsNotType<EmailRejectedException>(error);
        Assert.IsAssignableFrom<SocketException>(error);
    }

    [Fact]
    public async Task A_server_down_for_a_while_fails_the_send_and_takes_it_once_it_is_back_on_the_same_port()
    {
        var sender = Sender(_server.Port);
        await _server.StopAsync();

        var error = await Record.ExceptionAsync(() => sender.SendAsync(Samples.Email(EmailKinds.CheckIn), CancellationToken.None));
        Assert.NotNull(error);
        Assert.IsNotType<EmailRejectedException>(error);

        await _server.StartAsync();
        await sender.SendAsync(Samples.Email(EmailKinds.CheckIn), CancellationToken.None);
        Assert.Single(_server.Messages);
        _server.Clear();
        Assert.Empty(_server.Messages);
    }

    [Fact]
    public async Task With_a_username_the_sender_logs_in()
    {
        await using var server = await SmtpTestServer.StartAsync("network", "s3cret");

        await Sender(server.Port, "network", "s3cret").SendAsync(Samples.Email(EmailKinds.Test), CancellationToken.None);

        Assert.Equal("network", Assert.Single(server.Received).User);
    }

    [Fact]
    public async Task A_wrong_password_is_not_a_rejection_of_the_email()
    {
        await using var server = await SmtpTestServer.StartAsync("network", "s3cret");

        await Assert.ThrowsAsync<AuthenticationException>(() => Sender(server.Port, "network", "wrong").SendAsync(Samples.Email(EmailKinds.Test), CancellationToken.None));

        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Starttls_required_against_a_server_without_it_fails_and_is_not_a_rejection()
    {
        var error = await Record.ExceptionAsync(() => Sender(_server.Port, security: "starttls").SendAsync(Samples.Email(EmailKinds.Test), CancellationToken.None));

        Assert.IsType<NotSupportedException>(error);
    }
}
