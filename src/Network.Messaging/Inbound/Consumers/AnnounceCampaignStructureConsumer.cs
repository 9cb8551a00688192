using System.Text.Json.Nodes;
using MassTransit;
using Network.Contracts.Messaging;

namespace Network.Messaging.Inbound.Consumers;

/// <summary>
/// A campaign announces its structure: raised to the workflows as <c>CampaignStructureAnnounced</c>, which releases
/// the commitments waiting on it (see workflows/dependency-wait.yaml): those whose dependency the announcement names,
/// and those it lists, each of which the sending tenant must be home to or own.
/// </summary>
public sealed class AnnounceCampaignStructureConsumer(LinkTargets targets, CampaignMessages campaigns) : IConsumer<AnnounceCampaignStructure>
{
    public const string EventName = "CampaignStructureAnnounced";

    public async Task Consume(ConsumeContext<AnnounceCampaignStructure> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (sender, appliedId) = LinkMessageGuard.Admit(context);
        var message = context.Message;
        var campaignId = LinkMessageGuard.Required(message.CampaignId, "campaignId");
        var listed = message.CommitmentIds ?? [];
        if (string.IsNullOrWhiteSpace(message.Dependency) && listed.Count == 0)
        {
            throw new MessageRefusedException("Name what the structure releases: 'dependency', 'commitmentIds', or both.");
        }
        for (var i = 0; i < listed.Count; i++)
        {
            // Refused before anything is raised: a message naming one commitment out of reach releases none.
            await targets.CommitmentAsync(sender, listed[i], $"commitmentIds[{i}]", context.CancellationToken);
        }
        var data = new JsonObject
        {
            ["campaignId"] = campaignId,
            ["dependency"] = message.Dependency?.Trim(),
            ["structure"] = message.Structure,
            ["commitmentIds"] = new JsonArray(listed.Select(id => (JsonNode?)JsonValue.Create(id.Trim())).ToArray()),
        };
        await campaigns.DispatchAsync(sender, EventName, data, appliedId, ReceivedAt.Of(context, message));
    }
}
