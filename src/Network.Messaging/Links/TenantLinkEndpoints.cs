using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Network.Contracts.Messaging;
using Network.Domain.ApiKeys;
using Network.Domain.Links;
using Network.Domain.Telemetry;
using Network.Domain.Tenancy;
using Network.Messaging.Inbound;
using Network.Messaging.Inbound.Consumers;

namespace Network.Messaging;

/// <summary>
/// Opens a tenant's link on the bus: its inbound exchange and queue (<c>network.tenant.{id}.in</c>, consumed here,
/// with the key check, plain JSON, retries and an _error queue) and its outbound exchange (<c>network.tenant.{id}.out</c>).
/// Opening a link again is a no-op, so start-up, a new integration key and the periodic check may all ask for it.
/// Closing it (the tenant's last integration key was revoked) stops the consumer and removes what the broker held.
/// </summary>
public sealed partial class TenantLinkEndpoints(
    IReceiveEndpointConnector connector,
    ApiKeyAuthenticator authenticator,
    RabbitMqExchanges exchanges,
    NetworkMetrics metrics,
    LinkRefusalAudit refusals,
    LinkMessageLimits limits,
    IOptions<MessagingOptions> messaging,
    ILogger<TenantLinkEndpoints> logger)
    : ITenantLinkOpener
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _opened = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HostReceiveEndpointHandle> _endpoints = new(StringComparer.Ordinal);

    public Task OpenAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!TenantIds.IsValid(tenantId))
        {
            throw new ArgumentException($"'{tenantId}' is not a tenant id.", nameof(tenantId));
        }
        var opening = _opened.GetOrAdd(tenantId, id => new Lazy<Task>(() => OpenOnceAsync(id)));
        if (opening.Value.IsFaulted)
        {
            // A failed opening (broker down) is tried again by the next caller.
            _opened.TryRemove(new KeyValuePair<string, Lazy<Task>>(tenantId, opening));
            opening = _opened.GetOrAdd(tenantId, id => new Lazy<Task>(() => OpenOnceAsync(id)));
        }
        return opening.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Opens the link, waiting at most <see cref="OpenWait"/>: a broker that is down must not fail the request that
    /// made the link (the key is stored). <see cref="TenantLinkStartup"/> keeps trying, so the link opens once it is up.
    /// </summary>
    public async Task OpenSoonAsync(string tenantId, CancellationToken cancellationToken)
    {
        try
        {
            await OpenAsync(tenantId, cancellationToken).WaitAsync(OpenWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            LogOpenDeferred(logger, error, tenantId);
        }
    }

    public static readonly TimeSpan OpenWait = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Closes the link: the consumer stops and the broker's exchanges and queue go (see
    /// <see cref="RabbitMqExchanges.DeleteLinkAsync"/>). Like opening, it waits at most <see cref="OpenWait"/>, so a
    /// broker that is down does not fail the revocation; the key is refused on every message anyway.
    /// </summary>
    public async Task CloseSoonAsync(string tenantId, CancellationToken cancellationToken)
    {
        try
        {
            await CloseAsync(tenantId, cancellationToken).WaitAsync(OpenWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            LogCloseFailed(logger, error, tenantId);
        }
    }

    public async Task CloseAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!TenantIds.IsValid(tenantId))
        {
            throw new ArgumentException($"'{tenantId}' is not a tenant id.", nameof(tenantId));
        }
        if (_opened.TryRemove(tenantId, out var opening))
        {
            // An opening under way finishes first, so its endpoint is the one stopped.
            try
            {
                await opening.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException and not OutOfMemoryException)
            {
                LogCloseFailed(logger, error, tenantId);
            }
        }
        var removed = await exchanges.DeleteLinkAsync(tenantId, async () =>
        {
            if (_endpoints.TryRemove(tenantId, out var handle))
            {
                await handle.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        LogClosed(logger, tenantId, removed);
    }

    /// <summary>The tenants whose link this host opened (or is opening) and has not closed.</summary>
    public IReadOnlyCollection<string> OpenedHere => _opened.Keys.ToList();

    public bool IsOpen(string tenantId) => _opened.TryGetValue(tenantId, out var opening) && opening.Value.IsCompletedSuccessfully;

    public Task DeclareOutboundAsync(string tenantId, CancellationToken cancellationToken) =>
        exchanges.DeclareFanoutAsync(TenantLinks.OutboundExchange(tenantId), cancellationToken);

    private async Task OpenOnceAsync(string tenantId)
    {
        await DeclareOutboundAsync(tenantId, CancellationToken.None).ConfigureAwait(false);
        // The queue and its way in exist before the exchange partners publish to, so nothing reaches it unrouted.
        var alternate = await exchanges.PrepareInboundAsync(tenantId, CancellationToken.None).ConfigureAwait(false);
        var handle = connector.ConnectReceiveEndpoint(TenantLinks.InboundExchange(tenantId), (context, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                if (alternate)
                {
                    // Declared as PrepareInboundAsync made it: the broker refuses a declaration that differs.
                    rabbit.SetExchangeArgument(RabbitMqExchanges.AlternateExchangeArgument, TenantLinks.UnboundExchange(tenantId));
                }
                rabbit.PrefetchCount = (ushort)messaging.Value.LinkConcurrency;
            }
            endpoint.ConcurrentMessageLimit = messaging.Value.LinkConcurrency;
            // Only what is published to this tenant's exchange comes in: no bindings to the contracts' type exchanges,
            // which every tenant's queue would otherwise share.
            endpoint.ConfigureConsumeTopology = false;
            endpoint.AddDeserializer(new PlainJsonSerializerFactory(), isDefault: true);
            LinkRetryPolicy.Apply(endpoint, metrics);
            endpoint.UseFilter(new TraceParentFilter());
            // Refusals before any service (the key check's included) go to the audit trail, then to _error.
            endpoint.UseFilter(refusals.Filter(tenantId));
            endpoint.UseFilter(new LinkKeyFilter(tenantId, authenticator, limits));
            endpoint.ConfigureConsumer<ReportProgressConsumer>(context);
            endpoint.ConfigureConsumer<CompleteTaskConsumer>(context);
            endpoint.ConfigureConsumer<ExpressInterestConsumer>(context);
            endpoint.ConfigureConsumer<AnnounceCampaignStructureConsumer>(context);
            endpoint.ConfigureConsumer<CampaignUpdatedConsumer>(context);
        });
        _endpoints[tenantId] = handle;
        await handle.Ready.ConfigureAwait(false);
        LogOpened(logger, tenantId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the link of tenant {Tenant} yet; it opens once the broker answers")]
    private static partial void LogOpenDeferred(ILogger logger, Exception error, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not close the link of tenant {Tenant} on the bus; its keys are refused meanwhile")]
    private static partial void LogCloseFailed(ILogger logger, Exception error, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed the link of tenant {Tenant} on the bus (queue removed: {QueueRemoved})")]
    private static partial void LogClosed(ILogger logger, string tenant, bool queueRemoved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened the link of tenant {Tenant} on the bus")]
    private static partial void LogOpened(ILogger logger, string tenant);
}
