using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Network.Messaging;

/// <summary>
/// Declares the outbound exchanges on RabbitMQ as soon as a link opens, before anything is sent to them, so a tenant
/// can bind its queues right away. Declared as MassTransit declares the exchanges it sends to (durable fanout), so
/// the two never disagree. With the in-memory transport there is nothing to declare.
/// </summary>
public sealed class RabbitMqExchanges(IOptions<MessagingOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private IConnection? _connection;

    public async Task DeclareFanoutAsync(string exchange, CancellationToken cancellationToken)
    {
        if (options.Value.Transport != MessagingTransport.RabbitMq)
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_declared.Contains(exchange) && _connection is { IsOpen: true })
            {
                return;
            }
            if (_connection is not { IsOpen: true })
            {
                // A new connection (the broker restarted, say) may have lost non-durable state: declare again.
                _declared.Clear();
                if (_connection is not null)
                {
                    await _connection.DisposeAsync().ConfigureAwait(false);
                }
                var rabbit = options.Value.RabbitMq;
                var factory = new ConnectionFactory
                {
                    HostName = rabbit.Host,
                    Port = rabbit.Port,
                    VirtualHost = rabbit.VirtualHost,
                    UserName = rabbit.Username,
                    Password = rabbit.Password,
                    ClientProvidedName = "network-link-topology",
                };
                _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
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

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        _gate.Dispose();
    }
}
