using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Notifications;
using Network.Contracts.Organisations;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Notifications;

/// <summary>
/// Nothing acknowledged is lost, nothing is sent twice: e-mail queued while the SMTP server is down survives a SIGKILL
/// of the host and goes out once the restarted host finds the server up again, each under its own Message-ID once.
/// </summary>
public sealed class EmailOutageRestartTests
{
    private const string Chair = "chair@network.example.org";

    [Fact]
    public async Task Email_queued_while_the_server_is_down_survives_a_sigkill_and_arrives_once_each()
    {
        using var directory = new TempDirectory("network-email-restart");
        await using var smtp = await SmtpTestServer.StartAsync();
        await smtp.StopAsync();
        var settings = HostSettings.Sqlite(directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N")) with
        {
            Extra = new Dictionary<string, string>
            {
                ["Notifications:Smtp:Host"] = smtp.Host,
                ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Notifications:Smtp:Security"] = "none",
                ["Notifications:Smtp:From"] = "network@network.example.org",
                ["Notifications:Smtp:Timeout"] = "00:00:05",
                ["Notifications:FirstRetry"] = "PT1S",
                ["Notifications:LongestRetry"] = "PT2S",
            },
        };

        var queued = new List<string>();
        await using (var first = await HostProcess.StartAsync(settings))
        {
            using var root = first.CreateClient(settings.BootstrapKey);
            using var put = await root.PutAsJsonAsync("api/tenants/network/profile",
                new OrganisationProfileResource(null, null, [new ContactPersonResource("Chair", "chair", Chair, "es")]));
            await TestApi.EnsureStatusAsync(put, HttpStatusCode.OK);
            for (var i = 0; i < 5; i++)
            {
                using var sent = await root.PostAsJsonAsync("api/tenants/network/notifications:test-email", new TestEmailRequest(Chair));
                await TestApi.EnsureStatusAsync(sent, HttpStatusCode.Accepted);
                queued.Add((await sent.Content.ReadFromJsonAsync<TestEmailResource>())!.DeliveryId);
            }
            // The server is down: every one has been tried and is waiting for the next attempt.
            var waiting = await Eventually.ReadAsync(
                () => root.GetFromJsonAsync<MailOutboxResource>("api/tenants/network/notifications/outbox"),
                o => o!.Pending.Count == 5 && o.Pending.All(p => p.Attempts >= 1 && p.LastError is not null), TimeSpan.FromSeconds(60));
            Assert.Equal(5, waiting!.Pending.Count);
            Assert.All(waiting.Pending, p => Assert.True(p.Attempts >= 1, $"{p.DeliveryId} not tried yet"));
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(settings);
        await smtp.StartAsync();

        // The reminder wakes the outbox after the restart (within a minute) and each e-mail goes once.
        var received = await smtp.WaitForMessagesAsync(5, TimeSpan.FromSeconds(120));
        Assert.Equal(5, received.Count);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var all = smtp.Messages;
        Assert.Equal(5, all.Count);
        Assert.Equal(5, all.Select(m => m.MessageId).Distinct().Count());
        Assert.All(all, m => Assert.Equal("test", m.Kind()));
        using var rootAgain = second.CreateClient(settings.BootstrapKey);
        var outbox = await rootAgain.GetFromJsonAsync<MailOutboxResource>("api/tenants/network/notifications/outbox");
        Assert.Empty(outbox!.Pending);
    }
}
