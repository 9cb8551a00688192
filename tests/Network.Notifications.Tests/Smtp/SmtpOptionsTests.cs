using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Network.Domain.Notifications;
using Network.Notifications.Smtp;

namespace Network.Notifications.Tests.Smtp;

public class SmtpOptionsTests
{
    private static IConfiguration Configuration(IDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    [Fact]
    public void Without_a_host_email_is_off_and_the_domains_disabled_sender_is_registered()
    {
        using var provider = new ServiceCollection().AddEmailNotifications(Configuration(new Dictionary<string, string?>())).BuildServiceProvider();

        var sender = provider.GetRequiredService<IEmailSender>();

        Assert.IsType<DisabledEmailSender>(sender);
        Assert.False(sender.IsEnabled);
    }

    [Fact]
    public void With_a_host_the_smtp_sender_is_registered_once_with_the_defaults()
    {
        var configuration = Configuration(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "smtp.example.org",
            ["Notifications:Smtp:From"] = "network@example.org",
        });
        using var provider = new ServiceCollection().AddEmailNotifications(configuration).BuildServiceProvider();

        var sender = provider.GetRequiredService<IEmailSender>();
        var options = provider.GetRequiredService<IOptions<SmtpOptions>>().Value;

        Assert.IsType<SmtpEmailSender>(sender);
        Assert.True(sender.IsEnabled);
        Assert.Same(sender, provider.GetRequiredService<IEmailSender>());
        Assert.Equal(587, options.Port);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(SecureSocketOptions.StartTlsWhenAvailable, options.SocketOptions());
    }

    [Theory]
    [InlineData("auto", SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("None", SecureSocketOptions.None)]
    [InlineData("STARTTLS", SecureSocketOptions.StartTls)]
    [InlineData("tls", SecureSocketOptions.SslOnConnect)]
    public void Security_names_the_way_to_encrypt(string security, SecureSocketOptions expected)
    {
        Assert.Equal(expected, new SmtpOptions { Security = security }.SocketOptions());
    }

    [Theory]
    [InlineData("network@example.org", "", "network@example.org")]
    [InlineData("GFMD Network <network@example.org>", "GFMD Network", "network@example.org")]
    public void From_is_an_address_with_an_optional_name(string from, string name, string address)
    {
        var sender = new SmtpOptions { From = from }.Sender();

        Assert.Equal(name, sender.Name ?? "");
        Assert.Equal(address, sender.Address);
    }

    [Theory]
    [InlineData("Notifications:Smtp:Security", "ssl")]
    [InlineData("Notifications:Smtp:From", "network")]
    [InlineData("Notifications:Smtp:Port", "0")]
    [InlineData("Notifications:Smtp:Timeout", "-00:00:01")]
    public void A_wrong_setting_stops_the_registration_with_its_name(string key, string value)
    {
        var configuration = Configuration(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "smtp.example.org",
            ["Notifications:Smtp:From"] = "network@example.org",
            [key] = value,
        });

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEmailNotifications(configuration));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void The_message_id_is_a_hash_of_the_delivery_with_the_senders_domain_in_ascii()
    {
        var id = MessageIds.For("escalation:c-1:ana@example.org", "Réseau.example");

        Assert.Matches("^[0-9a-f]{32}@xn--rseau-bsa\\.example$", id);
        Assert.Equal(id, MessageIds.For("escalation:c-1:ana@example.org", "Réseau.example"));
    }
}
