using System.Globalization;
using System.Text.Json.Nodes;
using Network.Contracts.Messaging;
using Network.Domain.Tenancy;
using Network.Domain.Webhooks;

namespace Network.Domain.Links;

/// <summary>
/// Hands an event to the outbound links of the tenants it concerns. Only the events of the contracts
/// (<see cref="TenantLinks.PublishedEvents"/>) go out, and only to tenants with a link; each gets its own copy,
/// addressed to it (<c>tenantId</c>) and carrying the home tenant's path (<c>homeTenant</c>). The same copy goes to
/// the webhooks of the tenants that registered one for the event (<see cref="IWebhookDirectoryGrain"/>).
/// Returns once every copy is stored in its tenant's link or webhook outbox, so the caller may then forget the event.
/// </summary>
public sealed class TenantLinkDelivery(IGrainFactory grains)
{
    /// <summary>True for the events that go out on links (those of the contracts); the others stay inside the network.</summary>
    public static bool GoesOut(string eventName) => TenantLinks.PublishedEvent(eventName) is not null;

    /// <param name="fields">The event's own fields in camelCase, as its contract names them; extra fields are dropped by the contract.</param>
    /// <param name="sourceId">Unique per change; with the recipient it makes the message id, so handing on again sends nothing new.</param>
    public async Task DeliverAsync(IEnumerable<TenantPath> recipients, string eventName, JsonObject fields, TenantPath home,
        string sourceId, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(fields);
        if (!GoesOut(eventName))
        {
            return;
        }
        var paths = recipients.Select(p => p.Value).Distinct(StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
        {
            return;
        }
        // Handed on by the engine, whoever made the change.
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var linked = await grains.GetGrain<ITenantLinkDirectoryGrain>(ITenantLinkDirectoryGrain.Key).Linked(paths);
        foreach (var tenantId in linked)
        {
            await grains.GetGrain<ITenantLinkOutboxGrain>(tenantId).Enqueue([MessageFor(tenantId)]);
        }
        // One call when no recipient has a webhook for this event, the common case.
        var hooked = await grains.GetGrain<IWebhookDirectoryGrain>(IWebhookDirectoryGrain.Key).Subscribed(paths, eventName);
        foreach (var path in hooked.Select(TenantPath.Parse))
        {
            await grains.GetGrain<IWebhookOutboxGrain>(WebhookOutboxGrain.KeyFor(path)).Enqueue(MessageFor(path.TenantId));
        }

        LinkMessage MessageFor(string tenantId)
        {
            var message = (JsonObject)fields.DeepClone();
            var messageId = $"{sourceId}@{tenantId}";
            message["messageId"] = messageId;
            message["tenantId"] = tenantId;
            message["occurredAt"] = occurredAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            message["homeTenant"] = home.Value;
            return new LinkMessage(messageId, eventName, message.ToJsonString());
        }
    }
}
