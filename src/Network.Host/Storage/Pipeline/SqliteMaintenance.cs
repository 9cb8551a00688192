using Microsoft.Data.Sqlite;
using Network.Domain.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The state store's housekeeping on a connection of its own, so no commit waits for it: every second a PASSIVE WAL
/// checkpoint (copies into the database file what no reader still needs; never blocks the writer or readers), and
/// every hour the deletion of the keyed sets' members older than <see cref="StateKeySets.Retention"/> and of
/// the rows of <see cref="StateLogs.ExpiringAtTheirTime"/> past their time.
/// </summary>
internal sealed partial class SqliteMaintenance : IAsyncDisposable
{
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ExpireEvery = TimeSpan.FromHours(1);

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public SqliteMaintenance(string connectionString, ILogger logger)
    {
        _connectionString = connectionString;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.OpenAsync(_stopping.Token).ConfigureAwait(false);
                using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA busy_timeout = {StorageConnectionStrings.SqliteBusyTimeoutMilliseconds};";
                command.ExecuteNonQuery();
                // PASSIVE: copies what no reader still needs and never blocks the writer or the readers.
                const string Checkpoint = "PRAGMA wal_checkpoint(PASSIVE);";
                var expireAt = DateTimeOffset.MinValue;
                while (!_stopping.IsCancellationRequested)
                {
                    await Task.Delay(CheckpointEvery, _stopping.Token).ConfigureAwait(false);
                    try
                    {
                        if (DateTimeOffset.UtcNow >= expireAt)
                        {
                            ExpireKeys(command);
                            expireAt = DateTimeOffset.UtcNow + ExpireEvery;
                        }
                        command.CommandText = Checkpoint;
                        command.ExecuteNonQuery();
                    }
                    catch (SqliteException exception)
                    {
                        LogCheckpointFailed(_logger, exception);
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Deletes the keyed sets' members older than <see cref="StateKeySets.Retention"/> and the expiring logs' rows past their time.</summary>
    private static void ExpireKeys(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("@cutoff", SqliteStateWriter.FormatInstant(DateTimeOffset.UtcNow - StateKeySets.Retention));
        foreach (var set in StateKeySets.Expiring)
        {
            command.CommandText = $"DELETE FROM {set} WHERE at < @cutoff;";
            command.ExecuteNonQuery();
        }
        command.Parameters.Clear();
        command.Parameters.AddWithValue("@now", SqliteStateWriter.FormatInstant(DateTimeOffset.UtcNow));
        foreach (var log in StateLogs.ExpiringAtTheirTime)
        {
            command.CommandText = $"DELETE FROM {log} WHERE at < @now;";
            command.ExecuteNonQuery();
        }
        command.Parameters.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background WAL checkpoint (or expiry of applied ids) of the state store failed; the next one will try again.")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
