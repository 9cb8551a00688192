using Microsoft.Extensions.Options;
using Network.Contracts.Webhooks;
using Network.Domain.Audit;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Webhooks;

/// <summary>
/// A tenant's webhooks: register (the secret in that answer only), list, get, delete, enable again, send a test ping,
/// read the delivery log. Coordinators only; a tenant out of reach is "not found", like every other service.
/// </summary>
public sealed class WebhookService(CallerAccess access, IGrainFactory grains, IOptions<WebhookOptions> options, Auditor auditor)
{
    public Task<CreatedWebhookResource> RegisterAsync(string tenantId, CreateWebhookRequest request) =>
        auditor.ChangeAsync(AuditActions.WebhookRegister, tenantId, "webhooks", () => RegisterCoreAsync(tenantId, request));

    private async Task<CreatedWebhookResource> RegisterCoreAsync(string tenantId, CreateWebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outbox = await OutboxAsync(tenantId, "register webhooks");
        var url = WebhookRules.Url(request.Url, options.Value.AllowHttp);
        var events = WebhookRules.Events(request.Events);
        var registered = await outbox.Register(url, events);
        var hook = registered.Webhook;
        return new CreatedWebhookResource(hook.Id, hook.Url, hook.Events, hook.CreatedAt, hook.Enabled, registered.Secret);
    }

    public async Task<IReadOnlyList<WebhookResource>> ListAsync(string tenantId)
    {
        var outbox = await OutboxAsync(tenantId, "list webhooks");
        return (await outbox.List()).Select(ToResource).ToList();
    }

    public async Task<WebhookResource> GetAsync(string tenantId, string webhookId)
    {
        var outbox = await OutboxAsync(tenantId, "read webhooks");
        LocalIds.EnsureValid(webhookId, "webhookId");
        return ToResource(await outbox.Describe(webhookId) ?? throw NotFound(tenantId, webhookId));
    }

    public Task DeleteAsync(string tenantId, string webhookId) =>
        auditor.ChangeAsync(AuditActions.WebhookDelete, tenantId, $"webhook/{webhookId}", () => DeleteCoreAsync(tenantId, webhookId));

    private async Task DeleteCoreAsync(string tenantId, string webhookId)
    {
        var outbox = await OutboxAsync(tenantId, "delete webhooks");
        LocalIds.EnsureValid(webhookId, "webhookId");
        if (!await outbox.Delete(webhookId))
        {
            throw NotFound(tenantId, webhookId);
        }
    }

    /// <summary>Enables a disabled webhook again; its waiting deliveries go out at once. An enabled one is answered as it is.</summary>
    public Task<WebhookResource> EnableAsync(string tenantId, string webhookId) =>
        auditor.ChangeAsync(AuditActions.WebhookEnable, tenantId, $"webhook/{webhookId}", () => EnableCoreAsync(tenantId, webhookId));

    private async Task<WebhookResource> EnableCoreAsync(string tenantId, string webhookId)
    {
        var outbox = await OutboxAsync(tenantId, "enable webhooks");
        LocalIds.EnsureValid(webhookId, "webhookId");
        return ToResource(await outbox.Enable(webhookId) ?? throw NotFound(tenantId, webhookId));
    }

    /// <summary>Queues a <c>webhook.test</c> ping, sent, signed and logged like any delivery.</summary>
    public Task<WebhookTestDeliveryResource> SendTestAsync(string tenantId, string webhookId) =>
        auditor.ChangeAsync(AuditActions.WebhookTest, tenantId, $"webhook/{webhookId}", () => SendTestCoreAsync(tenantId, webhookId));

    private async Task<WebhookTestDeliveryResource> SendTestCoreAsync(string tenantId, string webhookId)
    {
        var outbox = await OutboxAsync(tenantId, "test webhooks");
        LocalIds.EnsureValid(webhookId, "webhookId");
        return new WebhookTestDeliveryResource(await outbox.SendTest(webhookId) ?? throw NotFound(tenantId, webhookId));
    }

    /// <summary>The webhook's delivery log, newest first.</summary>
    public async Task<WebhookDeliveryPage> DeliveriesAsync(string tenantId, string webhookId, int offset = 0, int limit = ListPaging.DefaultLimit)
    {
        var outbox = await OutboxAsync(tenantId, "read webhook deliveries");
        LocalIds.EnsureValid(webhookId, "webhookId");
        ListPaging.Check(offset, limit);
        var page = await outbox.Attempts(webhookId, offset, limit) ?? throw NotFound(tenantId, webhookId);
        return new WebhookDeliveryPage(
            page.Items.Select(a => new WebhookDeliveryAttemptResource(a.DeliveryId, a.EventType, a.Attempt, a.At, a.Status, a.Error, a.DurationMs, a.Outcome)).ToList(),
            page.Total, offset, limit);
    }

    /// <summary>The tenant's outbox, once the caller reaches the tenant (else not found) and is a coordinator (else 403).</summary>
    private async Task<IWebhookOutboxGrain> OutboxAsync(string tenantId, string action)
    {
        var path = await access.TenantAsync(tenantId);
        CallerAccess.RequireCoordinator(action);
        return grains.GetGrain<IWebhookOutboxGrain>(WebhookOutboxGrain.KeyFor(path));
    }

    private static DomainNotFoundException NotFound(string tenantId, string webhookId) =>
        new($"Tenant '{tenantId}' has no webhook '{webhookId}'.");

    private static WebhookResource ToResource(WebhookInfo hook) =>
        new(hook.Id, hook.Url, hook.Events, hook.CreatedAt, hook.Enabled, hook.DisabledReason, hook.DisabledSince, hook.Pending);
}
