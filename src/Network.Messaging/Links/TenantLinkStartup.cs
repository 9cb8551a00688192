using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Network.Domain.Links;
using Network.Domain.Tenancy;

namespace Network.Messaging;

/// <summary>
/// Opens every tenant's link once the silo runs, resends what their link outboxes kept over a restart, and then
/// looks for new links now and then (a link made through another host of the cluster, or one whose opening failed
/// while the broker was down), and closes here the links the directory no longer lists (closed through another host:
/// this host's consumer would otherwise declare the queue and exchange again).
/// </summary>
public sealed partial class TenantLinkStartup(
    IGrainFactory grains, TenantLinkEndpoints endpoints, ILogger<TenantLinkStartup> logger) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resumed = new HashSet<string>(StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await OpenAllAsync(resumed, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogCheckFailed(logger, error);
            }
            try
            {
                await Task.Delay(CheckEvery, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task OpenAllAsync(HashSet<string> resumed, CancellationToken cancellationToken)
    {
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        // Taken before the list is read: a link opened after that is not in the list yet, and must not be closed.
        var openedBefore = endpoints.OpenedHere;
        var links = await grains.GetGrain<ITenantLinkDirectoryGrain>(ITenantLinkDirectoryGrain.Key).List().ConfigureAwait(false);
        foreach (var link in links)
        {
            if (!endpoints.IsOpen(link.TenantId))
            {
                await endpoints.OpenAsync(link.TenantId, cancellationToken).ConfigureAwait(false);
            }
            if (resumed.Add(link.TenantId))
            {
                await grains.GetGrain<ITenantLinkOutboxGrain>(link.TenantId).SendPending().ConfigureAwait(false);
            }
        }
        var listed = links.Select(l => l.TenantId).ToHashSet(StringComparer.Ordinal);
        foreach (var closed in openedBefore.Where(id => !listed.Contains(id)))
        {
            await endpoints.CloseAsync(closed, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open every tenant link; trying again shortly")]
    private static partial void LogCheckFailed(ILogger logger, Exception error);
}
