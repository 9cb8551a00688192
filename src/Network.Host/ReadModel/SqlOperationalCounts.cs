using System.Globalization;
using Network.Domain.Telemetry;
using Network.Host.Storage;

namespace Network.Host.ReadModel;

/// <summary>
/// The gauges' counts across the whole network, from the read model's tables: two counting queries in one read
/// snapshot (commitments by status, open incidents), which <see cref="OperationalCounts"/> runs at most every 15 s.
/// </summary>
public sealed class SqlOperationalCounts : IOperationalCountsSource
{
    private const string CommitmentsByStatusSql = "SELECT status, COUNT(*) FROM commitment_list GROUP BY status";

    private const string OpenIncidentsSql = "SELECT COALESCE(SUM(open_incidents), 0) FROM workflow_instance_list";

    private readonly ReadModelDialect _dialect;

    public SqlOperationalCounts(StorageOptions storage) => _dialect = ReadModelDialect.For(storage);

    public async Task<OperationalCountsReading> ReadAsync(CancellationToken cancellationToken)
    {
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await _dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var byStatus = new Dictionary<string, long>(StringComparer.Ordinal);
                var statuses = ReadModelDialect.Command(connection, transaction, CommitmentsByStatusSql);
                await using (statuses.ConfigureAwait(false))
                {
                    var reader = await statuses.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            byStatus[reader.GetString(0)] = reader.GetInt64(1);
                        }
                    }
                }
                var incidents = ReadModelDialect.Command(connection, transaction, OpenIncidentsSql);
                await using (incidents.ConfigureAwait(false))
                {
                    var open = await incidents.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return new OperationalCountsReading(byStatus, Convert.ToInt64(open, CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
