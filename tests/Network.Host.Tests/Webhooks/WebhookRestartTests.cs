using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Sessions;
using Network.Contracts.Webhooks;
using Network.Domain.Webhooks;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Webhooks;

/// <summary>A delivery waiting when the host is SIGKILLed goes out after the restart, woken by its reminder alone.</summary>
public sealed class WebhookRestartTests
{
    [Fact]
    public async Task A_delivery_pending_at_a_sigkill_is_sent_once_after_the_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var directory = new TempDirectory("network-webhook-restart");
        var settings = HostSettings.Sqlite(directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N")) with
        {
            Extra = new Dictionary<string, string>
            {
                ["Notifications:Webhooks:AllowHttp"] = "true",
                // Long enough that the retry falls after the restart, short enough for a test.
                ["Notifications:Webhooks:FirstRetry"] = "00:00:30",
            },
        };
        var name = TestApi.UniqueId("restart");
        receiver.Script(name, 500);
        ForumScope scope;
        CreatedWebhookResource hook;

        await using (var first = await HostProcess.StartAsync(settings))
        {
            using var root = first.CreateClient(settings.BootstrapKey);
            scope = await ForumScope.CreateAsync(root);
            using var coordinator = first.CreateClient(scope.CoordinatorKey);
            using var imported = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
            await TestApi.EnsureStatusAsync(imported, HttpStatusCode.Created);
            var import = (await imported.Content.ReadFromJsonAsync<ImportResultResource>())!;
            hook = await WebhookHost.RegisterAsync(coordinator, scope.Forum.Id, receiver.Url(name), "ProgressReported");
            await WebhookHost.ReportProgressAsync(coordinator, scope.Forum.Id, import.CommitmentIds[0], "substantial", "Launched");

            // The first attempt failed and is recorded; the retry waits 30 s.
            var log = await Eventually.ReadAsync(() => WebhookHost.DeliveriesAsync(coordinator, scope.Forum.Id, hook.Id), p => p.Total > 0);
            Assert.Equal(WebhookOutcomes.Failed, Assert.Single(log.Items).Outcome);
            await first.KillAsync();
        }
        var before = Assert.Single(receiver.Calls(name));
        Assert.Equal(500, before.Answered);

        await using var second = await HostProcess.StartAsync(settings);
        // Nothing calls the tenant's webhooks now: only the durable reminder can wake its outbox.
        var calls = await Eventually.ReadAsync(() => Task.FromResult(receiver.Calls(name)), c => c.Count >= 2, TimeSpan.FromMinutes(3));
        Assert.Equal([500, 200], calls.Select(c => c.Answered));
        Assert.Equal(before.DeliveryId, calls[1].DeliveryId);
        Assert.True(WebhookSignature.Verify(hook.Secret, calls[1].Body, calls[1].Signature));

        using var again = second.CreateClient(scope.CoordinatorKey);
        var after = await WebhookHost.DeliveriesAsync(again, scope.Forum.Id, hook.Id);
        Assert.Equal([2, 1], after.Items.Select(a => a.Attempt));
        Assert.Equal(0, (await again.GetFromJsonAsync<WebhookResource>($"api/tenants/{scope.Forum.Id}/webhooks/{hook.Id}"))!.Pending);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, receiver.Calls(name).Count);
    }
}
