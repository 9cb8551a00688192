using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Network.Contracts.Messaging;
using Network.Domain.Links;

namespace Network.Messaging.Outbound;

/// <summary>
/// Sends a link outbox's events to the tenant's outbound exchange, in MassTransit's envelope, with the contract's
/// name in the AMQP <c>type</c> property for consumers that are not MassTransit. On RabbitMQ the send completes
/// only when the broker confirmed it (MassTransit's publisher confirms are on). The exchange was declared when the
/// link opened, and MassTransit declares it again (durable fanout) whenever its send channel (re)connects, so a
/// broker that lost it gets it back without a declare per message.
/// </summary>
public sealed class BusLinkTransport(IBus bus) : ILinkTransport
{
    public async Task PublishAsync(string tenantId, LinkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = TenantLinks.PublishedEvent(message.Type)
            ?? throw new InvalidOperationException($"'{message.Type}' is not an event the network publishes.");
        var body = JsonSerializer.Deserialize(message.Json, type, SystemTextJsonMessageSerializer.Options)
            ?? throw new InvalidOperationException($"The stored {message.Type} {message.MessageId} is empty.");
        var exchange = await bus.GetSendEndpoint(new Uri($"exchange:{TenantLinks.OutboundExchange(tenantId)}")).ConfigureAwait(false);
        await exchange.Send(body, type, Pipe.Execute<SendContext>(context =>
        {
            context.MessageId = StableGuid(message.MessageId);
            context.Durable = true;
            if (context.TryGetPayload<RabbitMqSendContext>(out var amqp))
            {
                amqp.BasicProperties.Type = message.Type;
            }
        }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The envelope's message id, the same every time for the same event, so receivers can drop repeats.</summary>
    private static Guid StableGuid(string messageId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)).AsSpan(0, 16));
}
