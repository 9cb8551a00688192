using System.Collections.Concurrent;
using Network.Domain.Links;

namespace Network.Domain.Tests.Support;

/// <summary>
/// The grain tests' stand-in for the broker (the real one runs in the host's link tests): it records what was
/// published per tenant, and can be told to refuse sends for a tenant, as a broker that is down does.
/// </summary>
public sealed class RecordingLinkTransport : ILinkTransport
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<LinkMessage>> _published = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _down = new(StringComparer.Ordinal);

    public IReadOnlyList<LinkMessage> PublishedTo(string tenantId) =>
        _published.TryGetValue(tenantId, out var queue) ? queue.ToList() : [];

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _hanging = new(StringComparer.Ordinal);

    public void SetDown(string tenantId, bool down) => _down[tenantId] = down;

    private readonly ConcurrentDictionary<string, bool> _refuseOnce = new(StringComparer.Ordinal);

    /// <summary>The first send of the message with this id is refused (a broker that dropped one publish); later ones go through.</summary>
    public void RefuseOnce(string messageId) => _refuseOnce[messageId] = true;

    /// <summary>Sends for the tenant hang, as to a broker that does not answer, until released or the sender gives up.</summary>
    public void SetHanging(string tenantId, bool hanging)
    {
        if (hanging)
        {
            _hanging[tenantId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        else if (_hanging.TryRemove(tenantId, out var release))
        {
            release.TrySetResult();
        }
    }

    public async Task PublishAsync(string tenantId, LinkMessage message, CancellationToken cancellationToken)
    {
        if (_hanging.TryGetValue(tenantId, out var release))
        {
            await release.Task.WaitAsync(cancellationToken);
        }
        if (_refuseOnce.TryRemove(message.MessageId, out _))
        {
            throw new IOException($"The broker refused {message.MessageId} once (test).");
        }
        if (_down.TryGetValue(tenantId, out var down) && down)
        {
            throw new IOException($"The broker refuses sends to {tenantId}'s link (test).");
        }
        _published.GetOrAdd(tenantId, _ => new ConcurrentQueue<LinkMessage>()).Enqueue(message);
    }
}
