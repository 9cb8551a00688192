using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Network.Domain.Commitments;

namespace Network.Domain.Telemetry;

/// <summary>What the gauges read: counts across the whole network, from the read model's tables.</summary>
public interface IOperationalCountsSource
{
    Task<OperationalCountsReading> ReadAsync(CancellationToken cancellationToken);
}

/// <param name="CommitmentsByStatus">Every status of the read model's commitments with its count (statuses with none left out).</param>
/// <param name="OpenIncidents">Incidents of workflow instances not yet retried, skipped or cancelled.</param>
public sealed record OperationalCountsReading(IReadOnlyDictionary<string, long> CommitmentsByStatus, long OpenIncidents);

/// <summary>
/// The gauges' figures, read from the read model at most once per <see cref="MaxAge"/>: a scrape every few seconds
/// (or several Prometheus servers, plus the OTLP exporter) costs the database one pair of counting queries per
/// <see cref="MaxAge"/>, however often it comes. A scrape that finds the figures stale reads them again (one scrape
/// at a time; the others answer the last figures); a failed read keeps the last figures, so a database outage does
/// not zero a gauge, and is logged.
/// </summary>
public sealed partial class OperationalCounts(IOperationalCountsSource source, TimeProvider clock, ILogger<OperationalCounts> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    /// <summary>The longest a scrape waits for the counting queries before it answers the last figures.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _reading = new();
    private OperationalCountsReading? _last;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public IEnumerable<Measurement<long>> OpenIncidents() =>
        Current() is { } reading ? [new Measurement<long>(reading.OpenIncidents)] : [];

    /// <summary>Every status, those with no commitment as 0 (a series that vanishes reads as "no data", not as none).</summary>
    public IEnumerable<Measurement<long>> CommitmentsByStatus() =>
        Current() is { } reading
            ? CommitmentStatuses.All.Union(reading.CommitmentsByStatus.Keys, StringComparer.Ordinal)
                .Select(status => new Measurement<long>(reading.CommitmentsByStatus.GetValueOrDefault(status),
                    new KeyValuePair<string, object?>("status", status)))
                .ToList()
            : [];

    /// <summary>The last figures, read again first when they are older than <see cref="MaxAge"/>; null before any read succeeded.</summary>
    public OperationalCountsReading? Current()
    {
        if (clock.GetUtcNow() - _readAt < MaxAge || !_reading.TryEnter())
        {
            return _last;
        }
        try
        {
            if (clock.GetUtcNow() - _readAt >= MaxAge)
            {
                // Gauge callbacks are synchronous (the exporter calls them while it writes a scrape's answer).
                using var timeout = new CancellationTokenSource(ReadTimeout);
                try
                {
                    _last = source.ReadAsync(timeout.Token).GetAwaiter().GetResult();
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    LogReadFailed(logger, error);
                }
                // A failed read waits its turn too: an unreachable database is not asked at every scrape.
                _readAt = clock.GetUtcNow();
            }
            return _last;
        }
        finally
        {
            _reading.Exit();
        }
    }

    [LoggerMessage(EventId = 4601, Level = LogLevel.Warning, Message = "Could not read the counts behind the gauges; they keep their last figures")]
    private static partial void LogReadFailed(ILogger logger, Exception error);
}
