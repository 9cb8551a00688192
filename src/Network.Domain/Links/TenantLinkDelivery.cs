using System.Globalization;
using System.Text.Json.Nodes;
using Network.Contracts.Messaging;
using Network.Domain.Storage;
using Network.Domain.Tenancy;
using Network.Domain.Webhooks;

namespace Network.Domain.Links;

/// <summary>
/// Hands an event to the outbound links of the tenants it concerns. Only the events of the contracts
/// (<see cref="TenantLinks.PublishedEvents"/>) go out, and only to tenants with a link; each gets its own copy,
/// addressed to it (<c>tenantId</c>) and carrying the home tenant's path (<c>homeTenant</c>). The same copy goes to
/// the webhooks of the tenants that registered one for the event (<see cref="IWebhookDirectoryGrain"/>).
/// <para>
/// A grain that writes the change itself queues the link copies in that write (<see cref="QueueRowsAsync"/>, then
/// <see cref="WakeOutboxesAsync"/> and <see cref="DeliverToWebhooksAsync"/> once it is stored): the change and its
/// messages are stored together, with no call to an outbox in between. Others hand the event on with
/// <see cref="DeliverAsync"/>, which returns once every copy is stored in its tenant's outbox.
/// </para>
/// </summary>
public sealed class TenantLinkDelivery(IGrainFactory grains, TimeProvider clock)
{
    /// <summary>True for the events that go out on links (those of the contracts); the others stay inside the network.</summary>
    public static bool GoesOut(string eventName) => TenantLinks.PublishedEvent(eventName) is not null;

    /// <summary>
    /// The link copies of an event, as rows of the link outbox queue (<see cref="StateQueues.LinkOutbox"/>) for the
    /// caller to write with its change: one per recipient with a link; none when the event does not go out.
    /// </summary>
    /// <param name="source">The grain making the change (its key): its messages go out in the order it queued them.</param>
    /// <param name="sourceId">Unique per change; with the recipient it makes the message id, so queuing it again queues nothing.</param>
    public async Task<IReadOnlyList<QueueRow>> QueueRowsAsync(IEnumerable<TenantPath> recipients, string eventName, JsonObject fields,
        TenantPath home, string source, string sourceId, DateTimeOffset occurredAt)
    {
        var linked = await LinkedAsync(recipients, eventName);
        var now = clock.GetUtcNow();
        return [.. linked.Select(tenantId => MessageFor(tenantId, eventName, fields, home, source, sourceId, occurredAt))
            .Select(m => new QueueRow(StateQueues.LinkOutbox, m.TenantId, m.Message.MessageId, source, m.Message.Type, m.Message.Json, now))];
    }

    /// <summary>After the rows of <see cref="QueueRowsAsync"/> were stored: their outboxes send them (the call does not wait for the broker).</summary>
    public Task WakeOutboxesAsync(IEnumerable<QueueRow> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return WakeOutboxesOfAsync(stored.Select(row => row.Owner));
    }

    /// <summary>The outboxes of these tenants (by id) send what they hold; waking one again is harmless.</summary>
    public async Task WakeOutboxesOfAsync(IEnumerable<string> tenantIds)
    {
        ArgumentNullException.ThrowIfNull(tenantIds);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        foreach (var tenantId in tenantIds.Distinct(StringComparer.Ordinal))
        {
            await grains.GetGrain<ITenantLinkOutboxGrain>(tenantId).SendPending();
        }
    }

    /// <summary>Hands the event to the links (through their outboxes) and webhooks of the recipients; returns once each copy is stored.</summary>
    /// <param name="source">The grain whose change it reports (its key): its messages go out in the order they were handed on.</param>
    /// <param name="sourceId">Unique per change; with the recipient it makes the message id, so handing on again sends nothing new.</param>
    public async Task DeliverAsync(IEnumerable<TenantPath> recipients, string eventName, JsonObject fields, TenantPath home,
        string source, string sourceId, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var paths = recipients.ToList();
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            foreach (var tenantId in await LinkedAsync(paths, eventName))
            {
                await grains.GetGrain<ITenantLinkOutboxGrain>(tenantId).Enqueue([MessageFor(tenantId, eventName, fields, home, source, sourceId, occurredAt).Message]);
            }
        }
        await DeliverToWebhooksAsync(paths, eventName, fields, home, sourceId, occurredAt);
    }

    /// <summary>Hands the event to the webhooks of the recipients that registered one for it; returns once each call is stored in its outbox.</summary>
    public async Task DeliverToWebhooksAsync(IEnumerable<TenantPath> recipients, string eventName, JsonObject fields, TenantPath home,
        string sourceId, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var paths = Concerned(recipients, eventName);
        if (paths.Count == 0)
        {
            return;
        }
        // Handed on by the engine, whoever made the change.
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        // One call when no recipient has a webhook for this event, the common case.
        var hooked = await grains.GetGrain<IWebhookDirectoryGrain>(IWebhookDirectoryGrain.Key).Subscribed(paths, eventName);
        foreach (var path in hooked.Select(TenantPath.Parse))
        {
            await grains.GetGrain<IWebhookOutboxGrain>(WebhookOutboxGrain.KeyFor(path))
                .Enqueue(MessageFor(path.TenantId, eventName, fields, home, "", sourceId, occurredAt).Message);
        }
    }

    /// <summary>The recipients (tenant ids) that have a link, when the event goes out at all.</summary>
    private async Task<IReadOnlyList<string>> LinkedAsync(IEnumerable<TenantPath> recipients, string eventName)
    {
        var paths = Concerned(recipients, eventName);
        if (paths.Count == 0)
        {
            return [];
        }
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        return await grains.GetGrain<ITenantLinkDirectoryGrain>(ITenantLinkDirectoryGrain.Key).Linked(paths);
    }

    /// <summary>The recipients' distinct paths, or none when the event does not go out at all.</summary>
    private static List<string> Concerned(IEnumerable<TenantPath> recipients, string eventName)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        return GoesOut(eventName) ? recipients.Select(p => p.Value).Distinct(StringComparer.Ordinal).ToList() : [];
    }

    private static (string TenantId, LinkMessage Message) MessageFor(string tenantId, string eventName, JsonObject fields, TenantPath home,
        string source, string sourceId, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var message = (JsonObject)fields.DeepClone();
        var messageId = $"{sourceId}@{tenantId}";
        message["messageId"] = messageId;
        message["tenantId"] = tenantId;
        message["occurredAt"] = occurredAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        message["homeTenant"] = home.Value;
        return (tenantId, new LinkMessage(messageId, eventName, message.ToJsonString(), source));
    }
}
