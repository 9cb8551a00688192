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
/// only when the broker confirmed it (MassTransit's publisher confirms are on).
/// </summary>
public sealed class BusLinkTransport(IBus bus, TenantLinkEndpoints endpoints) : ILinkTransport
{
    public async Task PublishAsync(string tenantId, LinkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = TenantLinks.PublishedEvent(message.Type)
            ?? throw new InvalidOperationException($"'{message.Type}' is not an event the network publishes.");
        var body = JsonSerializer.Deserialize(message.Json, type, SystemTextJsonMessageSerializer.Options)
            ?? throw new InvalidOperationException($"The stored {message.Type} {message.MessageId} is empty.");
        // The exchange is declared with the link; declaring again is cheap and covers a broker that lost it.
        await endpoints.DeclareOutboundAsync(tenantId, cancellationToken).ConfigureAwait(false);
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
