using System.Text.Json.Nodes;
using MassTransit;
using Network.Contracts.Messaging;

namespace Network.Messaging.Inbound.Consumers;

/// <summary>News from a linked campaign, raised to the workflows as <c>CampaignUpdated</c> (to start on or wait for).</summary>
public sealed class CampaignUpdatedConsumer(CampaignMessages campaigns) : IConsumer<CampaignUpdated>
{
    public async Task Consume(ConsumeContext<CampaignUpdated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (sender, appliedId) = LinkMessageGuard.Admit(context);
        var message = context.Message;
        var data = new JsonObject
        {
            ["campaignId"] = LinkMessageGuard.Required(message.CampaignId, "campaignId"),
            ["summary"] = message.Summary,
            ["data"] = message.Data is { } given ? JsonNode.Parse(given.GetRawText()) : null,
        };
        await campaigns.DispatchAsync(sender, nameof(CampaignUpdated), data, appliedId, ReceivedAt.Of(context, message));
    }
}
