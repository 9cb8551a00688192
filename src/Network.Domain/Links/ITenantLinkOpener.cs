namespace Network.Domain.Links;

/// <summary>
/// Opens a tenant's link on the message bus (its exchanges and queue) once it has an integration key, so its systems
/// can publish at once, and closes it when its last integration key is revoked. The host supplies it from its bus; a
/// silo without one has no links to open.
/// </summary>
public interface ITenantLinkOpener
{
    /// <summary>Opens the link, waiting only briefly: a broker that is down must not fail the request (the key is stored).</summary>
    Task OpenSoonAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Closes the link (its consumer, exchanges and queue), waiting only briefly: a broker that is down must not fail
    /// the revocation (it is stored, and the key check refuses the revoked key on every message meanwhile).
    /// </summary>
    Task CloseSoonAsync(string tenantId, CancellationToken cancellationToken);
}

/// <summary>The opener of a silo without a message bus (grain tests): there is no link to open.</summary>
public sealed class NoTenantLinks : ITenantLinkOpener
{
    public Task OpenSoonAsync(string tenantId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CloseSoonAsync(string tenantId, CancellationToken cancellationToken) => Task.CompletedTask;
}
