using System.Diagnostics;
using System.Threading.Channels;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// Group commit for write units (a grain's <see cref="StateUnit"/>; on SQLite also <see cref="SqliteWorkUnit"/>): callers queue units; one loop takes whatever queued up while the previous batch
/// committed (at most <c>maxBatch</c>) and hands the batch to a writer, which answers each unit. Nothing waits on a
/// timer, so a lone unit is written at once; under load, one commit (one fsync) serves many grains.
/// </summary>
/// <remarks>
/// A writer answers every unit of its batch (committed, conflict, or its own failure). If it throws instead (the
/// connection broke, the disk is full), every unit it left unanswered fails with that error, so no caller waits
/// forever and none is told "committed" for a transaction that did not commit. Disposing stops taking units, writes
/// what is queued, and returns.
/// </remarks>
/// <typeparam name="TUnit">The units its writer takes.</typeparam>
internal sealed class StateWriteQueue<TUnit> : IAsyncDisposable
    where TUnit : WriteUnit
{
    private readonly Channel<TUnit> _queue = Channel.CreateUnbounded<TUnit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TUnit>, Task> _write;
    private readonly int _maxBatch;
    private readonly Task _loop;
    private readonly Action<TimeSpan, bool>? _batchDone;

    /// <param name="batchDone">Told how long each batch's commit took and whether it committed (the storage commit metric).</param>
    public StateWriteQueue(Func<IReadOnlyList<TUnit>, Task> write, int maxBatch, Action<TimeSpan, bool>? batchDone = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _write = write;
        _maxBatch = maxBatch;
        _batchDone = batchDone;
        // On the thread pool, never on the scheduler of the grain that happened to create the store.
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Queues the unit; the writer answers it (its own <c>Committed</c> task), or this fails it at once when stopped.</summary>
    public void Submit(TUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!_queue.Writer.TryWrite(unit))
        {
            unit.Fail(new ObjectDisposedException(nameof(StateWriteQueue<TUnit>), "The state writer has stopped; the host is shutting down."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var batch = new List<TUnit>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var unit))
            {
                batch.Add(unit);
            }
            var started = Stopwatch.GetTimestamp();
            try
            {
                await _write(batch).ConfigureAwait(false);
                _batchDone?.Invoke(Stopwatch.GetElapsedTime(started), true);
                foreach (var unit in batch.Where(u => !u.IsAnswered))
                {
                    unit.Fail(new InvalidOperationException($"The state writer left {unit.Describe} unanswered."));
                }
            }
            catch (Exception exception)
            {
                _batchDone?.Invoke(Stopwatch.GetElapsedTime(started), false);
                foreach (var unit in batch)
                {
                    unit.Fail(exception);
                }
            }
            batch.Clear();
        }
    }
}
