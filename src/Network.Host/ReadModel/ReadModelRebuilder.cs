using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Network.Domain.ReadModel;
using Network.Host.Storage;

namespace Network.Host.ReadModel;

/// <summary>
/// Catches the read model up with the grain state table: for every registered <see cref="IReadModelSource"/>, it
/// hands each stored state of that source's state name (with a payload, under this service id) to
/// <see cref="IReadModelSource.ProjectAsync"/> with its stored version. Rows only move forward (the upserts are
/// version-guarded), so a run changes only what a crash left behind, and is safe while grains are writing.
/// </summary>
/// <remarks>
/// The Orleans 10.4.2 ADO.NET provider stores a <c>[PersistentState("commitment", "network")]</c> state with
/// grain_type = "commitment" (the state name) and, for a string-keyed grain, grain_id_string = the grain's key.
/// Rows are read in batches in primary-key order (keyset paging), so memory stays bounded and no read holds a
/// snapshot (or, on SQLite, a read lock) open while the projections write.
/// </remarks>
public sealed partial class ReadModelRebuilder
{
    /// <summary>How many stored states are read per query.</summary>
    public const int DefaultBatchSize = 500;

    private const string FirstBatchSql = """
        SELECT grain_id_n0, grain_id_n1, grain_id_string, version, payload_json
        FROM orleans_grain_state
        WHERE service_id = @service_id AND grain_type = @grain_type AND payload_json IS NOT NULL
        ORDER BY grain_id_n0, grain_id_n1, grain_id_string
        LIMIT @limit;
        """;

    private const string NextBatchSql = """
        SELECT grain_id_n0, grain_id_n1, grain_id_string, version, payload_json
        FROM orleans_grain_state
        WHERE service_id = @service_id AND grain_type = @grain_type AND payload_json IS NOT NULL
          AND (grain_id_n0, grain_id_n1, grain_id_string) > (@after_n0, @after_n1, @after_string)
        ORDER BY grain_id_n0, grain_id_n1, grain_id_string
        LIMIT @limit;
        """;

    private readonly ReadModelDialect _dialect;
    private readonly string _serviceId;
    private readonly IReadModelSource[] _sources;
    private readonly ILogger<ReadModelRebuilder> _logger;
    private readonly int _batchSize;

    /// <param name="serviceId">The Orleans ServiceId the grain states are stored under (ClusterOptions.ServiceId).</param>
    public ReadModelRebuilder(
        StorageOptions storage, string serviceId, IEnumerable<IReadModelSource> sources, ILogger<ReadModelRebuilder> logger,
        int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _dialect = ReadModelDialect.For(storage);
        _serviceId = serviceId;
        _sources = sources.ToArray();
        _logger = logger;
        _batchSize = batchSize;
    }

    /// <summary>
    /// Projects every stored state of every source, one source after the other. A state whose projection throws is
    /// logged as an error and counted in <see cref="ReadModelSourceReport.Failed"/>; the others still go through.
    /// Database errors reading the state table, and cancellation, end the run with an exception.
    /// </summary>
    public async Task<ReadModelRebuildReport> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var sources = new List<ReadModelSourceReport>(_sources.Length);
        foreach (var source in _sources)
        {
            var report = await RunAsync(source, cancellationToken).ConfigureAwait(false);
            sources.Add(report);
            LogSourceDone(_logger, source.StateName, report.Projected, report.Failed, report.Elapsed.TotalMilliseconds);
        }
        var result = new ReadModelRebuildReport(sources, watch.Elapsed);
        LogDone(_logger, sources.Count, result.Projected, result.Failed, result.Elapsed.TotalMilliseconds);
        return result;
    }

    private async Task<ReadModelSourceReport> RunAsync(IReadModelSource source, CancellationToken cancellationToken)
    {
        var stateName = source.StateName;
        ArgumentException.ThrowIfNullOrEmpty(stateName, nameof(source));
        var watch = Stopwatch.StartNew();
        var projected = 0;
        var failed = 0;
        StoredState? last = null;
        while (true)
        {
            var batch = await ReadBatchAsync(stateName, last, cancellationToken).ConfigureAwait(false);
            foreach (var state in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await source.ProjectAsync(state.Json, state.Version, cancellationToken).ConfigureAwait(false);
                    projected++;
                }
                // One state that cannot be projected must not keep the others out of the read model; it is logged.
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    failed++;
                    LogProjectionFailed(_logger, exception, stateName, state.GrainId, state.Version);
                }
            }
            if (batch.Count < _batchSize)
            {
                break;
            }
            last = batch[^1];
        }
        return new ReadModelSourceReport(stateName, projected, failed, watch.Elapsed);
    }

    private async Task<List<StoredState>> ReadBatchAsync(string stateName, StoredState? after, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, object>>
        {
            new("service_id", _serviceId),
            new("grain_type", stateName),
            new("limit", _batchSize),
        };
        if (after is not null)
        {
            parameters.Add(new("after_n0", after.N0));
            parameters.Add(new("after_n1", after.N1));
            parameters.Add(new("after_string", after.Text));
        }

        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = ReadModelDialect.Command(connection, null, after is null ? FirstBatchSql : NextBatchSql, parameters);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var batch = new List<StoredState>(_batchSize);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        batch.Add(new StoredState(
                            Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                            Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
                            reader.GetString(2),
                            Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
                            ReadText(reader, 4)));
                    }
                    return batch;
                }
            }
        }
    }

    private static string ReadText(DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) switch
        {
            string text => text,
            byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
            var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
        };

    /// <summary>One row of the grain state table: its key columns, version and JSON.</summary>
    private sealed record StoredState(long N0, long N1, string Text, long Version, string Json)
    {
        /// <summary>How the row is named in a log: the string key, or the numeric halves when there is one.</summary>
        public string GrainId => N0 == 0 && N1 == 0
            ? Text
            : string.Create(CultureInfo.InvariantCulture, $"{N0}/{N1}/{Text}");
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "Read model: projected {Projected} stored '{StateName}' state(s) in {ElapsedMs:F0} ms ({Failed} failed)")]
    private static partial void LogSourceDone(ILogger logger, string stateName, int projected, int failed, double elapsedMs);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information,
        Message = "Read model caught up with the grain state table: {Sources} source(s), {Projected} state(s) projected, {Failed} failed, in {ElapsedMs:F0} ms")]
    private static partial void LogDone(ILogger logger, int sources, int projected, int failed, double elapsedMs);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error,
        Message = "Read model: the stored '{StateName}' state of grain {GrainId} (version {Version}) could not be projected; its list row may be stale")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string stateName, string grainId, long version);
}

/// <summary>What a rebuild did, per source and in all.</summary>
public sealed record ReadModelRebuildReport(IReadOnlyList<ReadModelSourceReport> Sources, TimeSpan Elapsed)
{
    public int Projected => Sources.Sum(s => s.Projected);

    public int Failed => Sources.Sum(s => s.Failed);
}

/// <summary>What a rebuild did for one state name: states projected, states whose projection threw, time taken.</summary>
public sealed record ReadModelSourceReport(string StateName, int Projected, int Failed, TimeSpan Elapsed);
