using System.Diagnostics;
using System.Text;
using Network.Host.Tests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace Network.Host.Tests.Messaging;

/// <summary>
/// The throwaway broker is a real one: durable queues and persistent messages survive its restart, and a user limited
/// to one tenant's inbound exchange is refused on another tenant's.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqServerTests(RabbitMqServer rabbit, ITestOutputHelper output)
{
    private static readonly CreateChannelOptions WithConfirms =
        new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    [Fact]
    public async Task A_persistent_message_in_a_durable_queue_survives_a_broker_restart()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var exchange = $"network.test.durable.{suffix}";
        var queue = $"network.test.durable.{suffix}";
        var body = Encoding.UTF8.GetBytes($"kept across a restart {suffix}");
        var factory = rabbit.CreateConnectionFactory();

        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(WithConfirms))
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, routingKey: "");
            // With confirms on, this returns once the broker has taken the message (written it, as it is persistent).
            await channel.BasicPublishAsync(exchange, routingKey: "", mandatory: true,
                new BasicProperties { Persistent = true, MessageId = suffix }, body);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            await rabbit.RestartAsync();
        }
        finally
        {
            // A restart that failed half-way must not leave the collection's other tests without a broker.
            if (!rabbit.IsRunning)
            {
                await rabbit.StartAsync();
            }
        }
        output.WriteLine($"restart took {clock.Elapsed.TotalSeconds:F1} s");

        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            Assert.True(message is not null, $"The queue {queue} is empty after the restart.{Environment.NewLine}{rabbit.Log}");
            Assert.Equal(body, message.Body.ToArray());
            Assert.Equal(suffix, message.BasicProperties.MessageId);
            Assert.Null(await channel.BasicGetAsync(queue, autoAck: true));
            await channel.QueueDeleteAsync(queue);
            await channel.ExchangeDeleteAsync(exchange);
        }
    }

    [Fact]
    public async Task A_user_allowed_to_write_to_its_tenant_exchange_is_refused_on_another_tenants()
    {
        const string allowed = "network.tenant.t1.in";
        const string other = "network.tenant.t2.in";
        var user = "tenant-t1-" + Guid.NewGuid().ToString("N")[..8];
        var password = Guid.NewGuid().ToString("N");
        var queue = "network.test.t1-inbox." + Guid.NewGuid().ToString("N")[..8];

        await using var admin = await rabbit.CreateConnectionFactory().CreateConnectionAsync();
        await using var adminChannel = await admin.CreateChannelAsync();
        await adminChannel.ExchangeDeclareAsync(allowed, ExchangeType.Fanout, durable: true, autoDelete: false);
        await adminChannel.ExchangeDeclareAsync(other, ExchangeType.Fanout, durable: true, autoDelete: false);
        await adminChannel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        await adminChannel.QueueBindAsync(queue, allowed, routingKey: "");

        await rabbit.AddUserAsync(user, password, configure: "^$", write: @"^network\.tenant\.t1\.in$", read: "^$");

        await using var tenant = await rabbit.CreateConnectionFactory(user, password).CreateConnectionAsync();
        await using (var channel = await tenant.CreateChannelAsync(WithConfirms))
        {
            await channel.BasicPublishAsync(allowed, routingKey: "", Encoding.UTF8.GetBytes("to t1"));
        }
        var delivered = await adminChannel.BasicGetAsync(queue, autoAck: true);
        Assert.NotNull(delivered);
        Assert.Equal("to t1", Encoding.UTF8.GetString(delivered.Body.Span));

        // Nothing must reach t2's exchange either: a queue bound to it stays empty.
        var otherQueue = "network.test.t2-inbox." + Guid.NewGuid().ToString("N")[..8];
        await adminChannel.QueueDeclareAsync(otherQueue, durable: false, exclusive: false, autoDelete: false);
        await adminChannel.QueueBindAsync(otherQueue, other, routingKey: "");

        // The broker answers a refused publish by closing the channel (403 ACCESS_REFUSED); with confirms tracked,
        // RabbitMQ.Client 7 fails the awaited publish with AlreadyClosedException, not PublishException (no nack is
        // ever sent). The connection stays open: only the channel is lost.
        await using var refusedChannel = await tenant.CreateChannelAsync(WithConfirms);
        var refused = await Assert.ThrowsAsync<AlreadyClosedException>(async () =>
            await refusedChannel.BasicPublishAsync(other, routingKey: "", Encoding.UTF8.GetBytes("to t2")));
        Assert.Equal<ushort?>((ushort)Constants.AccessRefused, refused.ShutdownReason?.ReplyCode);
        Assert.Contains("ACCESS_REFUSED", refused.ShutdownReason?.ReplyText, StringComparison.Ordinal);
        Assert.Contains(other, refused.ShutdownReason?.ReplyText, StringComparison.Ordinal);
        Assert.True(refusedChannel.IsClosed);
        Assert.Equal<ushort?>((ushort)Constants.AccessRefused, refusedChannel.CloseReason?.ReplyCode);
        Assert.True(tenant.IsOpen);
        Assert.Null(await adminChannel.BasicGetAsync(otherQueue, autoAck: true));

        await adminChannel.QueueDeleteAsync(otherQueue);
        await adminChannel.QueueDeleteAsync(queue);
    }
}
