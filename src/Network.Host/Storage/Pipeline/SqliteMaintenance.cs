using Microsoft.Data.Sqlite;
using Network.Domain.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The state store's housekeeping on a connection of its own, so no commit waits for it: every second a PASSIVE WAL
/// checkpoint (copies into the database file what no reader still needs; never blocks the writer or readers), then,
/// once the WAL holds more than <see cref="RestartAfterFrames"/> frames, a word to the writer to finish it so the WAL
/// starts over (<see cref="SqliteStateWriter.FinishCheckpoint"/>); and every hour the deletion
/// of the keyed sets' members older than <see cref="StateKeySets.Retention"/> and of the rows of
/// <see cref="StateLogs.ExpiringAtTheirTime"/> past their time.
/// </summary>
internal sealed partial class SqliteMaintenance : IAsyncDisposable
{
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ExpireEvery = TimeSpan.FromHours(1);

    /// <summary>
    /// How long the WAL may grow (16 MB of 4 KB pages) before the writer is asked to finish a checkpoint so that it
    /// starts over; below this the WAL is simply written on, and once it has started over it reuses its file.
    /// </summary>
    public const int RestartAfterFrames = 4_096;

    private readonly string _connectionString;
    private readonly Action _askWriterToFinish;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <param name="askWriterToFinish">Called after a background checkpoint that left more than <see cref="RestartAfterFrames"/> frames in the WAL.</param>
    public SqliteMaintenance(string connectionString, Action askWriterToFinish, ILogger logger)
    {
        _connectionString = connectionString;
        _askWriterToFinish = askWriterToFinish;
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
                        if (WalFrames(command) > RestartAfterFrames)
                        {
                            // Once more before the writer's turn: this copies only what was written during the first
                            // (a tenth of it or less), and the writer, which holds its batches meanwhile, only what was
                            // written during this one: a millisecond or two instead of the second's worth of frames.
                            WalFrames(command);
                            _askWriterToFinish();
                        }
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

    /// <summary>Runs the checkpoint; the frames in the WAL (its second column: busy, log, checkpointed).</summary>
    private static long WalFrames(SqliteCommand checkpoint)
    {
        using var reader = checkpoint.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
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
