using Microsoft.Extensions.Options;

namespace Network.Host.Audit;

/// <summary>Deletes audit lines older than <see cref="AuditOptions.Retention"/>, at start and then every <see cref="AuditOptions.PruneEvery"/>.</summary>
internal sealed partial class AuditRetention(SqlAuditTrail trail, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await trail.PruneAsync(clock.GetUtcNow() - settings.Retention, stoppingToken);
                if (deleted > 0)
                {
                    LogPruned(logger, deleted, settings.Retention);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Tried again next time; the lines stay a little longer, nothing is lost.
                LogPruneFailed(logger, exception);
            }
            await Task.Delay(settings.PruneEvery, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} audit lines older than {Retention}")]
    private static partial void LogPruned(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old audit lines failed; tried again later")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
