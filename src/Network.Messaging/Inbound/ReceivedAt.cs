using MassTransit;
using Network.Contracts.Messaging;

namespace Network.Messaging.Inbound;

/// <summary>A message's <c>occurredAt</c>, or, when a plain JSON sender left it out, when it reached the broker or us.</summary>
public static class ReceivedAt
{
    public static DateTimeOffset Of(ConsumeContext context, INetworkMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        return message.OccurredAt != default
            ? message.OccurredAt
            : context.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : DateTimeOffset.UtcNow;
    }
}
