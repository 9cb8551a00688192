using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Webhooks;
using Network.Contracts.Workflows;
using Network.Domain.Webhooks;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Webhooks;

/// <summary>On a host that disables a webhook after 3 s of failures (<see cref="DisablingWebhookHostFixture"/>).</summary>
public sealed class WebhookDisablingTests(DisablingWebhookHostFixture host) : IClassFixture<DisablingWebhookHostFixture>
{
    [Fact]
    public async Task A_webhook_failing_for_the_configured_time_is_disabled_with_a_notice_and_sends_what_waited_once_enabled()
    {
        var (scope, commitments) = await host.NewForumAsync();
        using var coordinator = host.As(scope.CoordinatorKey);
        var name = TestApi.UniqueId("down");
        host.Receiver.Otherwise(name, 503);
        var hook = await WebhookHost.RegisterAsync(coordinator, scope.Forum.Id, host.Receiver.Url(name), "ProgressReported");

        await WebhookHost.ReportProgressAsync(coordinator, scope.Forum.Id, commitments[0], "substantial", "Launched");

        var disabled = await Eventually.ReadAsync(
            async () => (await coordinator.GetFromJsonAsync<WebhookResource>($"api/tenants/{scope.Forum.Id}/webhooks/{hook.Id}"))!,
            h => !h.Enabled, TimeSpan.FromSeconds(30));
        Assert.False(disabled.Enabled);
        Assert.NotNull(disabled.DisabledSince);
        Assert.Contains("HTTP 503", disabled.DisabledReason, StringComparison.Ordinal);
        Assert.Equal(1, disabled.Pending);

        var inbox = await Eventually.ReadAsync(
            async () => (await coordinator.GetFromJsonAsync<List<InboxEntryResource>>($"api/tenants/{scope.Forum.Id}/inbox?kind=notification"))!,
            entries => entries.Any(e => e.Message.Contains(hook.Id, StringComparison.Ordinal)));
        var notice = Assert.Single(inbox, e => e.Message.Contains(hook.Id, StringComparison.Ordinal));
        Assert.Contains(":enable", notice.Message, StringComparison.Ordinal);

        // Disabled: no more calls, while the delivery waits.
        // At least two: the first failure starts the clock and only a later one (a retry ≥ 3 s on) can disable. Retries
        // a second apart make it 4 on a quiet machine; under CI load a retry comes late, so the second call may be the one.
        var failedCalls = host.Receiver.Calls(name).Count;
        Assert.InRange(failedCalls, 2, 5);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(failedCalls, host.Receiver.Calls(name).Count);

        host.Receiver.Otherwise(name, 200);
        using var enable = await coordinator.PostAsync(new Uri($"api/tenants/{scope.Forum.Id}/webhooks/{hook.Id}:enable", UriKind.Relative), null);
        await TestApi.EnsureStatusAsync(enable, HttpStatusCode.OK);
        Assert.True((await enable.Content.ReadFromJsonAsync<WebhookResource>())!.Enabled);

        var calls = await Eventually.ReadAsync(() => Task.FromResult(host.Receiver.Calls(name)), c => c.Any(x => x.Answered == 200));
        Assert.Equal(200, calls[^1].Answered);
        Assert.Single(calls.Select(c => c.DeliveryId).Distinct());
        var log = await Eventually.ReadAsync(() => WebhookHost.DeliveriesAsync(coordinator, scope.Forum.Id, hook.Id),
            p => p.Items.Count > 0 && p.Items[0].Outcome == WebhookOutcomes.Delivered);
        Assert.Equal(calls.Count, log.Total);
        Assert.Equal(0, (await coordinator.GetFromJsonAsync<WebhookResource>($"api/tenants/{scope.Forum.Id}/webhooks/{hook.Id}"))!.Pending);
    }
}
