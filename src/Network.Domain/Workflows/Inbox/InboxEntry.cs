using System.Text.Json.Nodes;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// Something a workflow addressed to a tenant: a notification, an escalation (with its level) or a task assigned
/// to it. <see cref="Id"/> is unique across the network (home tenant and outbox message id), so a resend is dropped.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record InboxEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string HomeTenant,
    [property: Id(4)] string InstanceId,
    [property: Id(5)] string Step,
    [property: Id(6)] string To,
    [property: Id(7)] string Message,
    [property: Id(8)] int? Level,
    [property: Id(9)] string? TaskId,
    [property: Id(10)] DateTimeOffset? DueAt)
{
    public static InboxEntry From(TenantPath home, string instanceKey, WorkflowOutboxItem item, JsonNode? data)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = data?["message"]?.ToString() ?? data?["title"]?.ToString() ?? "";
        int? level = data?["level"] is JsonValue l && l.TryGetValue<int>(out var n) ? n : null;
        DateTimeOffset? due = data?["dueAt"] is JsonValue d && d.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null;
        return new InboxEntry(
            $"{home.Value}|{item.Id}", item.Kind, item.At, home.Value, TenantScopedKey.LocalIdOf(instanceKey), item.StepId,
            item.To ?? "", text, level, data?["taskId"]?.ToString(), due);
    }
}
