using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Network.Domain.Webhooks;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>
/// The tenant page's Webhooks section as a coordinator uses it, against a real receiver: register (the secret shown
/// once), a refusal shown, send a test that arrives signed, its delivery log, delete.
/// </summary>
public sealed partial class TenantWebhooksTests(TenantWebhooksTests.WebhookHost host, BrowserFixture browser)
    : IClassFixture<TenantWebhooksTests.WebhookHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_registers_a_webhook_sends_a_test_reads_its_log_and_deletes_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = await host.CreateTenantAsync(WebHostFixture.UniqueId("hooked"), "Hooked Organisation");
        var key = (await host.IssueKeyAsync(tenant.Id, "coordinator", "hooks")).Key;
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(key);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        await page.GotoAsync($"/tenants/{tenant.Id}");
        await page.WaitForCircuitAsync();
        var section = page.GetByTestId("webhooks-section");
        await Assertions.Expect(section.GetByTestId("no-webhooks")).ToBeVisibleAsync();

        var url = receiver.Url("ui");
        var field = page.GetByTestId("webhook-url");
        // Text typed before the circuit attached its handlers is lost on a busy machine: type again until it holds.
        for (var attempt = 0; attempt < 5 && await field.InputValueAsync() != url; attempt++)
        {
            await field.FillAsync(url);
            await page.WaitForTimeoutAsync(300);
        }
        // No event type chosen: the domain's refusal, next to the form.
        await page.GetByRole(AriaRole.Button, new() { Name = "Register webhook" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("webhook-problem")).ToContainTextAsync("at least one event type");

        await page.GetByLabel("ProgressReported").CheckAsync();
        await page.GetByLabel("EscalationRaised").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Register webhook" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("webhook-secret")).ToBeVisibleAsync();
        var secret = await page.GetByTestId("webhook-secret-value").InnerTextAsync();
        var row = section.Locator("tr[data-webhook]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync(url);
        await Assertions.Expect(row).ToContainTextAsync("ProgressReported, EscalationRaised");
        await Assertions.Expect(row.GetByTestId("webhook-state")).ToHaveTextAsync("enabled");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Send test to the webhook {url}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("webhook-status")).ToContainTextAsync("Test queued");
        var deliveryId = TestDelivery().Match(await page.GetByTestId("webhook-status").InnerTextAsync()).Groups["id"].Value;
        ReceivedCall? call = null;
        for (var wait = 0; wait < 150 && call is null; wait++)
        {
            var calls = receiver.Calls("ui");
            call = calls.Count > 0 ? calls[0] : null;
            await Task.Delay(100);
        }
        Assert.NotNull(call);
        Assert.Equal((deliveryId, "webhook.test"), (call.DeliveryId, call.Event));
        Assert.True(WebhookSignature.Verify(secret, call.Body, call.Signature));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delivery log of the webhook {url}" }).ClickAsync();
        var delivered = page.Locator("[data-testid=webhook-log] tr[data-outcome=delivered]");
        for (var attempt = 0; attempt < 10 && await delivered.CountAsync() == 0; attempt++)
        {
            await page.GetByTestId("webhook-log-refresh").ClickAsync();
            await page.WaitForTimeoutAsync(300);
        }
        await Assertions.Expect(delivered).ToHaveCountAsync(1);
        await Assertions.Expect(delivered).ToContainTextAsync(deliveryId);
        await Assertions.Expect(delivered).ToContainTextAsync("HTTP 200");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete the webhook {url}" }).ClickAsync();
        await Assertions.Expect(section.GetByTestId("no-webhooks")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("webhook-log")).ToHaveCountAsync(0);
    }

    [GeneratedRegex("delivery (?<id>\\S+#wh-[0-9a-f]+)")]
    private static partial Regex TestDelivery();

    /// <summary>A host that accepts http:// receivers (the test's own, on loopback).</summary>
    public sealed class WebhookHost : WebHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["Notifications:Webhooks:AllowHttp"] = "true" };
    }
}
