using System.Text.Json;
using System.Text.Json.Serialization;
using Network.Contracts.Messaging;

namespace Network.Domain.Webhooks;

/// <summary>
/// A webhook's body: the event as its contract has it (the link's message read into the contract's record and written
/// again in camelCase), so a webhook carries exactly the fields the published schema names, as the bus does.
/// </summary>
public static class WebhookBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Of(string eventType, string json)
    {
        if (TenantLinks.PublishedEvent(eventType) is not { } contract)
        {
            return json;
        }
        try
        {
            return JsonSerializer.Deserialize(json, contract, Json) is { } value ? JsonSerializer.Serialize(value, contract, Json) : json;
        }
        catch (JsonException)
        {
            // Sent as handed on rather than not at all: the receiver still gets the event, with its fields as they came.
            return json;
        }
    }
}
