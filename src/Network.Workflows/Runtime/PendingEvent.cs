using System.Text.Json.Nodes;

namespace Network.Workflows.Runtime;

/// <summary>An event kept for a wait that does not exist yet.</summary>
public sealed record PendingEvent
{
    public string? EventId { get; init; }

    public string Name { get; init; } = "";

    public JsonNode? Data { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset KeepUntil { get; init; }
}
