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
    private readonly Channel<TUnit> _queue;
    private readonly Func<IReadOnlyList<TUnit>, Task> _write;
    private readonly int _maxBatch;
    private readonly Task _loop;
    private readonly Action<TimeSpan, bool>? _batchDone;

    /// <param name="batchDone">Told how long each batch's commit took and whether it committed (the storage commit metric).</param>
    /// <param name="ownThread">
    /// Names a thread of its own to run the loop on, for a writer that works without awaiting (SQLite's statements and
    /// its fsync block). On a pool thread such a writer held up its own callers: answering a unit queues the caller's
    /// continuation on the answering pool thread's own queue, which other threads only look at when they have nothing
    /// else to do, and the loop went straight on to the next batch. In the link scenario a caller waited 1.45 ms on
    /// average between its unit's answer and its continuation. Answered from a thread outside the pool, continuations
    /// go to the shared queue, and the writer keeps no pool thread busy. Null: the loop runs on the pool (PostgreSQL's
    /// writers, which await the server).
    /// </param>
    public StateWriteQueue(Func<IReadOnlyList<TUnit>, Task> write, int maxBatch, Action<TimeSpan, bool>? batchDone = null, string? ownThread = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _write = write;
        _maxBatch = maxBatch;
        _batchDone = batchDone;
        // A loop on its own thread is woken by the submitting thread itself (all it runs there is a wake-up); one on
        // the pool is not, or it would write its batch on the thread of the grain that submitted.
        _queue = Channel.CreateUnbounded<TUnit>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = ownThread is not null });
        // On the thread pool, never on the scheduler of the grain that happened to create the store.
        _loop = ownThread is null ? Task.Run(LoopAsync) : StartOwnThread(ownThread);
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
            await WriteBatchAsync(batch).ConfigureAwait(false);
        }
    }

    private Task StartOwnThread(string name)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var batch = new List<TUnit>(_maxBatch);
                while (WaitToRead())
                {
                    WriteBatchAsync(batch).GetAwaiter().GetResult();
                }
                stopped.SetResult();
            }
            catch (Exception exception)
            {
                stopped.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return stopped.Task;
    }

    /// <summary>
    /// Blocks the loop's own thread until a unit is queued (true) or the queue is completed and empty (false). The
    /// submitting thread wakes it (synchronous continuations), so no pool thread is needed to wake this one.
    /// </summary>
    private bool WaitToRead()
    {
        var waiting = _queue.Reader.WaitToReadAsync();
        if (waiting.IsCompleted)
        {
            return waiting.Result;
        }
        using var woken = new ManualResetEventSlim();
        var awaiter = waiting.ConfigureAwait(false).GetAwaiter();
        awaiter.UnsafeOnCompleted(woken.Set);
        woken.Wait();
        return awaiter.GetResult();
    }

    /// <summary>Takes what queued up (at most maxBatch) and has the writer commit it; every unit gets its answer.</summary>
    private async Task WriteBatchAsync(List<TUnit> batch)
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
