using Microsoft.Extensions.Options;
using Network.Contracts.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Network.Messaging;

/// <summary>
/// The broker side of a tenant's link that MassTransit does not declare the way a link needs it: the outbound exchange
/// as soon as a link opens (so a tenant can bind its queues right away), the inbound queue bound before its exchange
/// exists (<see cref="PrepareInboundAsync"/>), and all of it removed when the link closes (<see cref="DeleteLinkAsync"/>).
/// Declared as MassTransit declares what it sends to and receives from (durable fanout, durable queue), so the two
/// never disagree. With the in-memory transport there is nothing to declare.
/// </summary>
public sealed class RabbitMqExchanges(IOptions<MessagingOptions> options) : IAsyncDisposable
{
    /// <summary>The argument that names an exchange's alternate exchange (where what no binding routes goes).</summary>
    public const string AlternateExchangeArgument = "alternate-exchange";

    private static readonly TimeSpan DrainPatience = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private IConnection? _connection;

    private bool OnRabbitMq => options.Value.Transport == MessagingTransport.RabbitMq;

    public async Task DeclareFanoutAsync(string exchange, CancellationToken cancellationToken)
    {
        if (!OnRabbitMq)
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (_declared.Contains(exchange))
            {
                return;
            }
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (channel.ConfigureAwait(false))
            {
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            _declared.Add(exchange);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Makes the tenant's inbound exchange exist only already connected to its queue, so nothing a partner publishes
    /// the moment it appears is dropped: declares the queue, an exchange <see cref="TenantLinks.UnboundExchange"/> bound to it, and
    /// then the inbound exchange with that one as its alternate exchange. Until MassTransit binds the inbound exchange to
    /// the queue, what reaches it goes to the queue through the alternate; afterwards through the binding. The broker
    /// routes each message either way, so there is no moment when the exchange exists and routes nowhere.
    /// </summary>
    /// <returns>
    /// True when the inbound exchange has the alternate exchange (MassTransit must then declare it with the same
    /// argument); false when it existed before without one (a link opened by an earlier version, bound long ago).
    /// </returns>
    public async Task<bool> PrepareInboundAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!OnRabbitMq)
        {
            return false;
        }
        var inbound = TenantLinks.InboundExchange(tenantId);
        var unbound = TenantLinks.UnboundExchange(tenantId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (channel.ConfigureAwait(false))
            {
                await channel.QueueDeclareAsync(inbound, durable: true, exclusive: false, autoDelete: false,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                await channel.ExchangeDeclareAsync(unbound, ExchangeType.Fanout, durable: true, autoDelete: false,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                await channel.QueueBindAsync(inbound, unbound, "", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            var declaring = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (declaring.ConfigureAwait(false))
            {
                try
                {
                    await declaring.ExchangeDeclareAsync(inbound, ExchangeType.Fanout, durable: true, autoDelete: false,
                        new Dictionary<string, object?> { [AlternateExchangeArgument] = unbound },
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (OperationInterruptedException inequivalent) when (inequivalent.ShutdownReason?.ReplyCode == 406)
                {
                    // It exists without the argument: made, and bound to its queue, before links were opened this way.
                    return false;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Removes a closed link from the broker: first the inbound exchange (a partner publishing now is refused, 404,
    /// rather than heard by nobody), then, once <paramref name="stopConsumer"/> has let the consumer take what was
    /// already queued (it refuses those to the _error queue, whose messages stay for the operators), the queue if it is
    /// empty, the exchange for what arrived unbound, and the outbound exchange. A queue that did not empty is kept, so
    /// no message the broker took is dropped; it is consumed when the link opens again.
    /// </summary>
    /// <returns>True when the queue was removed too.</returns>
    public async Task<bool> DeleteLinkAsync(string tenantId, Func<Task> stopConsumer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stopConsumer);
        if (!OnRabbitMq)
        {
            await stopConsumer().ConfigureAwait(false);
            return true;
        }
        var inbound = TenantLinks.InboundExchange(tenantId);
        var outbound = TenantLinks.OutboundExchange(tenantId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await OnChannelAsync(c => c.ExchangeDeleteAsync(inbound, ifUnused: false, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            var deadline = DateTime.UtcNow + DrainPatience;
            while (await QueuedAsync(inbound, cancellationToken).ConfigureAwait(false) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            await stopConsumer().ConfigureAwait(false);
            var emptied = await QueuedAsync(inbound, cancellationToken).ConfigureAwait(false) == 0;
            if (emptied)
            {
                // Another host of the cluster may have removed it already: a queue that is not there is as good.
                await OnChannelAsync(c => c.QueueDeleteAsync(inbound, ifUnused: false, ifEmpty: true, cancellationToken: cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
                await OnChannelAsync(c => c.ExchangeDeleteAsync(TenantLinks.UnboundExchange(tenantId), ifUnused: false, cancellationToken: cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
            }
            await OnChannelAsync(c => c.ExchangeDeleteAsync(outbound, ifUnused: false, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            _declared.Remove(outbound);
            return emptied;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Messages ready in the queue; 0 when it does not exist.</summary>
    private async Task<uint> QueuedAsync(string queue, CancellationToken cancellationToken)
    {
        uint count = 0;
        await OnChannelAsync(async c => count = await c.MessageCountAsync(queue, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        return count;
    }

    /// <summary>Runs one operation on a channel of its own; an entity that does not exist (404, which closes the channel) is no error.</summary>
    private async Task OnChannelAsync(Func<IChannel, Task> operation, CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            try
            {
                await operation(channel).ConfigureAwait(false);
            }
            catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
            {
            }
        }
    }

    /// <summary>The topology connection; a new one (the broker restarted, say) may have lost state: declare again.</summary>
    private async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true })
        {
            return _connection;
        }
        _declared.Clear();
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        var factory = options.Value.RabbitMq.ConnectionFactory("network-link-topology");
        _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        return _connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        _gate.Dispose();
    }
}
