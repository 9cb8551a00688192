using System.Threading.Channels;

namespace Network.Host.ReadModel;

/// <summary>
/// Group commit: writes from many callers are queued and written together, in one transaction, by one writer loop.
/// </summary>
/// <remarks>
/// Every workflow step writes the read model, and SQLite has a single writer whose cost is mostly the commit (the
/// WAL sync), so one commit per caller caps throughput at a few hundred steps a second. Here a caller's write waits
/// only while the transaction before it commits; whatever queued up meanwhile goes into the next one. Nothing waits
/// on a timer, so a lone write is not delayed.
/// <para>
/// A caller's task completes when the transaction that held its item committed, so it reads its own write
/// afterwards; it fails with that transaction's error if the transaction failed. Disposing stops taking items,
/// writes what is queued, and then returns.
/// </para>
/// </remarks>
/// <typeparam name="TItem">What one caller writes.</typeparam>
internal sealed class GroupCommit<TItem> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task> _commit;
    private readonly int _maxBatch;
    private readonly Task _writer;

    /// <param name="commit">Writes a batch in one transaction and returns once it committed; throws when it did not.</param>
    /// <param name="maxBatch">The most items one transaction takes, so a burst does not become one huge transaction.</param>
    public GroupCommit(Func<IReadOnlyList<TItem>, CancellationToken, Task> commit, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _commit = commit;
        _maxBatch = maxBatch;
        // On the thread pool, not on the scheduler of whoever created this (e.g. a grain activation).
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues <paramref name="item"/>; completes when the transaction that wrote it committed.</summary>
    /// <param name="cancellationToken">Stops the wait only: an item already queued may still be written.</param>
    /// <exception cref="ObjectDisposedException">This was disposed.</exception>
    public Task WriteAsync(TItem item, CancellationToken cancellationToken = default)
    {
        // Continuations run on the pool, never inline on the writer loop, so a slow caller cannot hold up the next batch.
        var pending = new Pending(item, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit<TItem>), "The read-model writer has stopped; the host is shutting down.");
        }
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // No new items; the loop drains what is queued (those callers still get their answer) and ends.
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            try
            {
                // Not cancellable: a batch already taken is answered, so no caller is left waiting at shutdown.
                await _commit(batch.ConvertAll(p => p.Item), CancellationToken.None).ConfigureAwait(false);
                batch.ForEach(p => p.Done.TrySetResult());
            }
            // Whatever failed the transaction fails each of its callers; the loop goes on with the next batch.
            catch (Exception exception)
            {
                batch.ForEach(p => p.Done.TrySetException(exception));
            }
            batch.Clear();
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource Done);
}
