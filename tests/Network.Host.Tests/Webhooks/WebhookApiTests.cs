using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Network.Contracts.Webhooks;
using Network.Domain.Webhooks;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Webhooks;

/// <summary>
/// Webhooks over HTTP against a real receiver: who may register them, what is refused, and how an event arrives
/// (once, signed), is retried after failures and logged.
/// </summary>
public sealed class WebhookApiTests(WebhookHostFixture host) : IClassFixture<WebhookHostFixture>
{
    [Fact]
    public async Task A_coordinator_registers_a_member_is_forbidden_and_a_foreign_tenant_is_not_found()
    {
        using var root = host.Root();
        var (scope, _) = await host.NewForumAsync();
        using var coordinator = host.As(scope.CoordinatorKey);
        var name = TestApi.UniqueId("register");
        var created = await WebhookHost.RegisterAsync(coordinator, scope.Forum.Id, host.Receiver.Url(name), "ProgressReported", "EscalationRaised");
        Assert.Equal((host.Receiver.Url(name), true), (created.Url, created.Enabled));
        Assert.Equal(["ProgressReported", "EscalationRaised"], created.Events);
        Assert.Equal(43, created.Secret.Length);

        var listBody = await coordinator.GetStringAsync(new Uri($"api/tenants/{scope.Forum.Id}/webhooks", UriKind.Relative));
        var listed = Assert.Single(JsonSerializer.Deserialize<List<WebhookResource>>(listBody, JsonSerializerOptions.Web)!);
        Assert.Equal(new WebhookResource(created.Id, created.Url, listed.Events, created.CreatedAt, true, null, null, 0), listed);
        Assert.DoesNotContain(created.Secret, listBody, StringComparison.Ordinal);
        var one = (await coordinator.GetFromJsonAsync<WebhookResource>($"api/tenants/{scope.Forum.Id}/webhooks/{created.Id}"))!;
        Assert.Equal(created.Id, one.Id);

        var member = await root.IssueKeyAsync(scope.Forum.Id, "member");
        using var asMember = host.As(member.Key);
        var request = new CreateWebhookRequest(host.Receiver.Url(name), ["ProgressReported"]);
        await TestApi.AssertProblemAsync(await asMember.PostAsJsonAsync($"api/tenants/{scope.Forum.Id}/webhooks", request), HttpStatusCode.Forbidden);
        await TestApi.AssertProblemAsync(await asMember.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/webhooks", UriKind.Relative)), HttpStatusCode.Forbidden);

        var outsider = await root.CreateTenantAsync(TestApi.UniqueId("outsider"), "Outside Organisation", "organisation", "network");
        using var foreign = host.As((await root.IssueKeyAsync(outsider.Id, "coordinator")).Key);
        await TestApi.AssertProblemAsync(await foreign.PostAsJsonAsync($"api/tenants/{scope.Forum.Id}/webhooks", request), HttpStatusCode.NotFound);
        await TestApi.AssertProblemAsync(await foreign.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/webhooks", UriKind.Relative)), HttpStatusCode.NotFound);
        await TestApi.AssertProblemAsync(
            await foreign.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/webhooks/{created.Id}/deliveries", UriKind.Relative)), HttpStatusCode.NotFound);
        // The foreign coordinator's own tenant has no such webhook either.
        await TestApi.AssertProblemAsync(
            await foreign.GetAsync(new Uri($"api/tenants/{outsider.Id}/webhooks/{created.Id}", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("not a url", "ProgressReported", "url")]
    [InlineData("ftp://example.org/hook", "ProgressReported", "url")]
    [InlineData("https://user:secret@example.org/hook", "ProgressReported", "url")]
    [InlineData("https://example.org/hook", "ProgressReported,NoSuchEvent", "events[1]")]
    [InlineData("https://example.org/hook", "webhook.test", "events[0]")]
    [InlineData("https://example.org/hook", "", "events")]
    public async Task Bad_input_is_a_400_naming_the_field(string url, string events, string field)
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var request = new CreateWebhookRequest(url, events.Split(',', StringSplitOptions.RemoveEmptyEntries));
        var problem = await TestApi.AssertProblemAsync(
            await coordinator.PostAsJsonAsync($"api/tenants/{scope.Forum.Id}/webhooks", request), HttpStatusCode.BadRequest);
        Assert.Equal([field], TestApi.ErrorFields(problem));
        Assert.Empty((await coordinator.GetFromJsonAsync<List<WebhookResource>>($"api/tenants/{scope.Forum.Id}/webhooks"))!);
    }

    [Fact]
    public async Task A_tenant_has_at_most_20_webhooks_and_a_bad_page_is_a_400()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        CreatedWebhookResource? first = null;
        for (var i = 0; i < WebhookRules.MaxPerTenant; i++)
        {
            var created = await WebhookHost.RegisterAsync(coordinator, scope.Forum.Id, $"https://example.org/hooks/{i}", "CampaignLaunched");
            first ??= created;
        }
        var request = new CreateWebhookRequest("https://example.org/hooks/one-too-many", ["CampaignLaunched"]);
        await TestApi.AssertProblemAsync(await coordinator.PostAsJsonAsync($"api/tenants/{scope.Forum.Id}/webhooks", request), HttpStatusCode.Conflict);
        Assert.Equal(WebhookRules.MaxPerTenant, (await coordinator.GetFromJsonAsync<List<WebhookResource>>($"api/tenants/{scope.Forum.Id}/webhooks"))!.Count);

        var problem = await TestApi.AssertProblemAsync(
            await coordinator.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/webhooks/{first!.Id}/deliveries?limit=0", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.Equal(["limit"], TestApi.ErrorFields(problem));
    }

    [Fact]
    public async Task An_event_arrives_once_with_a_signature_that_verifies_with_the_secret_only()
    {
        var (scope, commitments) = await host.NewForumAsync();
        using var coordinator = host.As(scope.CoordinatorKey);
        var name = TestApi.UniqueId("once");
        var hook = await WebhookHost.RegisterAsync(coordinator, scope.Forum.Id, host.Receiver.Url(name), "ProgressReported");

        await WebhookHost.ReportProgressAsync(coordinator, scope.Forum.Id, commitments[0], "substantial", "Launched on 21 March");

        var calls = await Eventually.ReadAsync(() => Task.FromResult(host.Receiver.Calls(name)), c => c.Count > 0);
        var call = Assert.Single(calls);
        Assert.Equal(("ProgressReported", "application/json; charset=utf-8"), (call.Event, call.ContentType));
        Assert.True(WebhookSignature.Verify(hook.Secret, call.Body, call.Signature));
        Assert.False(WebhookSignature.Verify("another-secret-" + hook.Secret, call.Body, call.Signature));
        Assert.InRange(long.Parse(call.Timestamp, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var body = JsonDocument.Parse(Encoding.UTF8.GetString(call.Body)).RootElement;
        // The contract's fields, in its order, as the published schema names them.
        Assert.Equal(["messageId", "tenantId", "occurredAt", "commitmentId", "homeTenant", "status", "note"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(scope.Forum.Id, body.GetProperty("tenantId").GetString());
        Assert.Equal(commitments[0], body.GetProperty("commitmentId").GetString());
        Assert.Equal("substantial", body.GetProperty("status").GetString());
        Assert.EndsWith(scope.Forum.Id, body.GetProperty("homeTenant").GetString(), StringComparison.Ordinal);
        Assert.Equal($"{body.GetProperty("messageId").GetString()}#{hook.Id}", call.DeliveryId);

        // Once: nothing more arrives, and the log shows the one delivered attempt.
        var log = await Eventually.ReadAsync(() => WebhookHost.DeliveriesAsync(coordinator, scope.Forum.Id, hook.Id), p => p.Total > 0);
        var attempt = Assert.Single(log.Items);
        Assert.Equal((call.DeliveryId, "ProgressReported", 1, 200, WebhookOutcomes.Delivered), (attempt.DeliveryId, attempt.Event, attempt.Attempt, attempt.Status, attempt.Outcome));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(host.Receiver.Calls(name));
    }

    [Fact]
    public async Task A_receiver_failing_three_times_gets_the_same_delivery_four_times_and_then_nothing()
    {
        var (scope, commitments) = await host.NewForumAsync();
        using var coordinator = host.As(scope.CoordinatorKey);
        var name = TestApi.UniqueId("retry");
        host.Receiver.Script(name, 500, 500, 500);
        var hook = await WebhookHost.RegisterAsync(coordinator, scope.Forum.Id, host.Receiver.Url(name), "ProgressReported");

        await WebhookHost.ReportProgressAsync(coordinator, scope.Forum.Id, commitments[1], "limited", "Partners met");

        var calls = await Eventually.ReadAsync(() => Task.FromResult(host.Receiver.Calls(name)), c => c.Count >= 4, TimeSpan.FromSeconds(60));
        Assert.Equal([500, 500, 500, 200], calls.Select(c => c.Answered));
        Assert.Single(calls.Select(c => c.DeliveryId).Distinct());
        Assert.All(calls, c => Assert.True(WebhookSignature.Verify(hook.Secret, c.Body, c.Signature)));

        var log = await Eventually.ReadAsync(() => WebhookHost.DeliveriesAsync(coordinator, scope.Forum.Id, hook.Id), p => p.Total >= 4);
        Assert.Equal(4, log.Total);
        Assert.Equal([4, 3, 2, 1], log.Items.Select(a => a.Attempt));
        Assert.Equal([200, 500, 500, 500], log.Items.Select(a => a.Status));
        Assert.Equal([WebhookOutcomes.Delivered, WebhookOutcomes.Failed, WebhookOutcomes.Failed, WebhookOutcomes.Failed], log.Items.Select(a => a.Outcome));
        Assert.All(log.Items, a => Assert.Equal(calls[0].DeliveryId, a.DeliveryId));
        // The paging: the oldest attempt alone.
        var oldest = (await coordinator.GetFromJsonAsync<WebhookDeliveryPage>($"api/tenants/{scope.Forum.Id}/webhooks/{hook.Id}/deliveries?offset=3&limit=1"))!;
        Assert.Equal((1, 4), (Assert.Single(oldest.Items).Attempt, oldest.Total));

        // Done: the longest wait between retries here is 4 s, and nothing more comes.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(4, host.Receiver.Calls(name).Count);
        Assert.Equal(0, (await coordinator.GetFromJsonAsync<WebhookResource>($"api/tenants/{scope.Forum.Id}/webhooks/{hook.Id}"))!.Pending);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_holds_up_only_its_own_webhook_and_its_timeout_is_retried()
    {
        var (scope, commitments) = await host.NewForumAsync();
        using var coordinator = host.As(scope.CoordinatorKey);
        var slowName = TestApi.UniqueId("slow");
        var fastName = TestApi.UniqueId("fast");
        // Longer than the 10 s a call may take.
        host.Receiver.Slow(slowName, TimeSpan.FromSeconds(15));
        var slow = await WebhookHost.RegisterAsync(coordinator, scope.Forum.Id, host.Receiver.Url(slowName), "ProgressReported");
        var fast = await WebhookHost.RegisterAsync(coordinator, scope.Forum.Id, host.Receiver.Url(fastName), "ProgressReported");

        await WebhookHost.ReportProgressAsync(coordinator, scope.Forum.Id, commitments[2], "limited", "Draft shared");

        // The fast receiver has its delivery while the slow one still holds its first call open.
        var fastLog = await Eventually.ReadAsync(() => WebhookHost.DeliveriesAsync(coordinator, scope.Forum.Id, fast.Id), p => p.Total > 0);
        Assert.Equal(WebhookOutcomes.Delivered, Assert.Single(fastLog.Items).Outcome);
        Assert.Single(host.Receiver.Calls(slowName));
        Assert.Equal(0, (await WebhookHost.DeliveriesAsync(coordinator, scope.Forum.Id, slow.Id)).Total);
        // The call held open keeps its 15 s; the next one (the retry, a second after the timeout) is answered at once.
        // Set now, not once the timeout is seen: under load the retry may come before the test reads the log.
        host.Receiver.Slow(slowName, TimeSpan.Zero);

        // After 10 s the call counts as failed, without a status, and is tried again; now the receiver answers at once.
        var slowLog = await Eventually.ReadAsync(() => WebhookHost.DeliveriesAsync(coordinator, scope.Forum.Id, slow.Id), p => p.Total > 0, TimeSpan.FromSeconds(30));
        var timedOut = slowLog.Items[^1];
        Assert.Equal((WebhookOutcomes.Failed, (int?)null, "No answer within 10 s."), (timedOut.Outcome, timedOut.Status, timedOut.Error));
        Assert.InRange(timedOut.DurationMs, 9_000, 14_000);
        var done = await Eventually.ReadAsync(() => WebhookHost.DeliveriesAsync(coordinator, scope.Forum.Id, slow.Id),
            p => p.Items.Count > 0 && p.Items[0].Outcome == WebhookOutcomes.Delivered, TimeSpan.FromSeconds(30));
        Assert.Equal([2, 1], done.Items.Select(a => a.Attempt));
        Assert.Equal(2, host.Receiver.Calls(slowName).Select(c => c.DeliveryId).Count(id => id == timedOut.DeliveryId));
    }

    [Fact]
    public async Task A_test_ping_is_delivered_signed_and_a_deleted_webhook_is_gone()
    {
        var (scope, _) = await host.NewForumAsync();
        using var coordinator = host.As(scope.CoordinatorKey);
        var name = TestApi.UniqueId("ping");
        var hook = await WebhookHost.RegisterAsync(coordinator, scope.Forum.Id, host.Receiver.Url(name), "CommitmentStalled");

        using var test = await coordinator.PostAsync(new Uri($"api/tenants/{scope.Forum.Id}/webhooks/{hook.Id}:test", UriKind.Relative), null);
        await TestApi.EnsureStatusAsync(test, HttpStatusCode.Accepted);
        var queued = (await test.Content.ReadFromJsonAsync<WebhookTestDeliveryResource>())!;
        Assert.EndsWith("#" + hook.Id, queued.DeliveryId, StringComparison.Ordinal);

        var call = Assert.Single(await Eventually.ReadAsync(() => Task.FromResult(host.Receiver.Calls(name)), c => c.Count > 0));
        Assert.Equal((queued.DeliveryId, WebhookRules.TestEvent), (call.DeliveryId, call.Event));
        Assert.True(WebhookSignature.Verify(hook.Secret, call.Body, call.Signature));

        using var delete = await coordinator.DeleteAsync(new Uri($"api/tenants/{scope.Forum.Id}/webhooks/{hook.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await TestApi.AssertProblemAsync(await coordinator.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/webhooks/{hook.Id}", UriKind.Relative)), HttpStatusCode.NotFound);
        await TestApi.AssertProblemAsync(await coordinator.DeleteAsync(new Uri($"api/tenants/{scope.Forum.Id}/webhooks/{hook.Id}", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Empty((await coordinator.GetFromJsonAsync<List<WebhookResource>>($"api/tenants/{scope.Forum.Id}/webhooks"))!);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_webhook_endpoints_and_their_problems()
    {
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative))).RootElement;
        var expected = new (string Path, string Method, string[] Errors)[]
        {
            ("/api/tenants/{tenant}/webhooks", "post", ["400", "401", "403", "404", "409", "413", "415"]),
            ("/api/tenants/{tenant}/webhooks", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/webhooks/{webhookId}", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/webhooks/{webhookId}", "delete", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/webhooks/{webhookId}:enable", "post", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/webhooks/{webhookId}:test", "post", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/webhooks/{webhookId}/deliveries", "get", ["400", "401", "403", "404"]),
        };
        foreach (var (path, method, errors) in expected)
        {
            var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
            foreach (var status in errors)
            {
                Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path} does not describe {status}");
                Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {status} is not problem+json");
            }
        }
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var schema in new[] { "CreateWebhookRequest", "CreatedWebhookResource", "WebhookResource", "WebhookDeliveryPage", "WebhookDeliveryAttemptResource", "WebhookTestDeliveryResource" })
        {
            Assert.True(schemas.TryGetProperty(schema, out _), $"missing schema {schema}");
        }
    }
}
