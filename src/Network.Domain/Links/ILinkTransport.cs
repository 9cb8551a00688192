namespace Network.Domain.Links;

/// <summary>
/// Puts an event on a tenant's outbound exchange (network.tenant.{tenantId}.out). Returns only once the broker has
/// taken the message (publisher confirms); anything else throws, and the caller keeps the message to try again.
/// The host supplies it from its message bus; the domain does not depend on one.
/// </summary>
public interface ILinkTransport
{
    Task PublishAsync(string tenantId, LinkMessage message, CancellationToken cancellationToken);
}

/// <summary>The transport of a silo without a message bus (grain tests): every publish fails, so nothing is dropped.</summary>
public sealed class UnconnectedLinkTransport : ILinkTransport
{
    public Task PublishAsync(string tenantId, LinkMessage message, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This silo has no message bus: tenant link events wait until one is configured.");
}
