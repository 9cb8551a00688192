using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Network.Messaging;

/// <summary>
/// Whether the broker answers right now, for readiness. MassTransit's own health check reports its receive endpoints,
/// and a bus with none yet (no tenant has a link) stays "ready" with the broker gone; this keeps one AMQP connection
/// of its own open (opened again when lost), so a broker that stopped, or refuses the host's user, shows at once.
/// The in-memory transport has no broker: always reachable.
/// </summary>
public sealed class BrokerProbe(IOptions<MessagingOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Transport != MessagingTransport.RabbitMq)
        {
            return true;
        }
        if (!await _gate.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
        {
            // Another probe is connecting: answer what the connection says now.
            return _connection is { IsOpen: true };
        }
        try
        {
            if (_connection is { IsOpen: true })
            {
                return true;
            }
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }
            var factory = options.Value.RabbitMq.ConnectionFactory("network-readiness");
            // This probe reconnects itself at the next readiness check; the client's recovery would hide the loss.
            factory.AutomaticRecoveryEnabled = false;
            factory.RequestedConnectionTimeout = TimeSpan.FromSeconds(3);
            _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return false;
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
