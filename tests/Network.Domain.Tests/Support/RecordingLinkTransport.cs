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

    public void SetDown(string tenantId, bool down) => _down[tenantId] = down;

    public Task PublishAsync(string tenantId, LinkMessage message, CancellationToken cancellationToken)
    {
        if (_down.TryGetValue(tenantId, out var down) && down)
        {
            throw new IOException($"The broker refuses sends to {tenantId}'s link (test).");
        }
        _published.GetOrAdd(tenantId, _ => new ConcurrentQueue<LinkMessage>()).Enqueue(message);
        return Task.CompletedTask;
    }
}
