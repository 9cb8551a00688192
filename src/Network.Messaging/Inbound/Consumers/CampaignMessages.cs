using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;

namespace Network.Messaging.Inbound.Consumers;

/// <summary>
/// Hands a campaign's message to the workflows as an event. It starts the definitions that start on it as the sending
/// tenant's event (the definitions it runs: its own, or those of a tenant above it, which apply to the whole subtree),
/// and it resumes the waits of the sending tenant and of every tenant above it, since a linked campaign speaks to the
/// network it belongs to (the network's dependency-wait, for one, waits for the UN campaign's structure). The event
/// id is the message's, so a redelivery starts and resumes nothing twice.
/// </summary>
public sealed class CampaignMessages(WorkflowTriggers workflows)
{
    public async Task DispatchAsync(LinkSender sender, string eventName, JsonObject data, string appliedId, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(data);
        data["tenantId"] = sender.TenantId;
        data["occurredAt"] = occurredAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        // Instance ids are made from the subject, and a sender's id may hold any character: use a digest of it.
        var subject = "msg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appliedId)))[..20];
        for (TenantPath? tenant = sender.Caller.Tenant; tenant is { } current; tenant = current.Parent)
        {
            await workflows.DispatchAsync(current, eventName, (JsonObject)data.DeepClone(), subject, appliedId,
                startTriggered: current == sender.Caller.Tenant);
        }
    }
}
