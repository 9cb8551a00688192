using System.Collections.Concurrent;
using Network.Host.ReadModel;

namespace Network.Host.Tests.ReadModel;

/// <summary>
/// The group commit on its own, with a commit that the test holds open: what queues up meanwhile goes into the next
/// transaction, callers complete with their transaction, failures reach exactly their transaction's callers.
/// </summary>
public sealed class GroupCommitTests
{
    /// <summary>A commit the test controls: it records each batch and waits until the test lets that batch finish.</summary>
    private sealed class HeldCommit
    {
        private readonly ConcurrentQueue<int[]> _batches = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _releases = new();

        public IReadOnlyList<int[]> Batches => [.. _batches];

        public Func<int[], Exception?> FailWhen { get; init; } = _ => null;

        public async Task CommitAsync(IReadOnlyList<int> items, CancellationToken cancellationToken)
        {
            var number = _batches.Count;
            _batches.Enqueue([.. items]);
            Entered(number).TrySetResult();
            await Release(number).Task;
            if (FailWhen([.. items]) is { } failure)
            {
                throw failure;
            }
        }

        /// <summary>Completes when batch <paramref name="number"/> (from 0) has reached the commit.</summary>
        public Task EnteredAsync(int number) => Entered(number).Task.WaitAsync(TimeSpan.FromSeconds(10));

        public void Let(int number) => Release(number).TrySetResult();

        public void LetAll()
        {
            for (var i = 0; i < 100; i++)
            {
                Let(i);
            }
        }

        private TaskCompletionSource Entered(int number) =>
            _releases.GetOrAdd(-1 - number, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        private TaskCompletionSource Release(int number) =>
            _releases.GetOrAdd(number, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    [Fact]
    public async Task Writes_queued_during_a_commit_share_the_next_one_and_complete_with_it()
    {
        var held = new HeldCommit();
        await using var commit = new GroupCommit<int>(held.CommitAsync, maxBatch: 10);

        var first = commit.WriteAsync(1);
        await held.EnteredAsync(0);
        var rest = Enumerable.Range(2, 5).Select(i => commit.WriteAsync(i)).ToList();
        Assert.False(first.IsCompleted);

        held.Let(0);
        await first;
        await held.EnteredAsync(1);
        // Their transaction is open, not committed: nobody may read its write as done yet.
        Assert.All(rest, t => Assert.False(t.IsCompleted));

        held.Let(1);
        await Task.WhenAll(rest);
        Assert.Equal([[1], [2, 3, 4, 5, 6]], held.Batches);
    }

    [Fact]
    public async Task A_batch_takes_at_most_max_batch_items()
    {
        var held = new HeldCommit();
        await using var commit = new GroupCommit<int>(held.CommitAsync, maxBatch: 3);

        var first = commit.WriteAsync(1);
        await held.EnteredAsync(0);
        var rest = Enumerable.Range(2, 7).Select(i => commit.WriteAsync(i)).ToList();
        held.LetAll();

        await Task.WhenAll([first, .. rest]);
        Assert.Equal([[1], [2, 3, 4], [5, 6, 7], [8]], held.Batches);
    }

    [Fact]
    public async Task A_failed_commit_fails_its_own_callers_only()
    {
        var failure = new InvalidOperationException("disk full");
        var held = new HeldCommit { FailWhen = items => items.Contains(2) ? failure : null };
        await using var commit = new GroupCommit<int>(held.CommitAsync, maxBatch: 10);

        var first = commit.WriteAsync(1);
        await held.EnteredAsync(0);
        var failing = new[] { commit.WriteAsync(2), commit.WriteAsync(3) };
        held.LetAll();

        await first;
        foreach (var write in failing)
        {
            Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => write));
        }
        // The loop goes on: the next write commits.
        await commit.WriteAsync(4);
        Assert.Equal([[1], [2, 3], [4]], held.Batches);
    }

    [Fact]
    public async Task Disposing_commits_what_is_queued_then_refuses_writes()
    {
        var held = new HeldCommit();
        var commit = new GroupCommit<int>(held.CommitAsync, maxBatch: 10);

        var first = commit.WriteAsync(1);
        await held.EnteredAsync(0);
        var queued = new[] { commit.WriteAsync(2), commit.WriteAsync(3) };
        var disposing = commit.DisposeAsync().AsTask();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => commit.WriteAsync(4));
        Assert.False(disposing.IsCompleted);
        held.LetAll();
        await disposing;

        await Task.WhenAll(queued.Prepend(first));
        Assert.Equal([[1], [2, 3]], held.Batches);
    }

    [Fact]
    public async Task A_cancelled_caller_stops_waiting_but_its_item_is_still_written()
    {
        var held = new HeldCommit();
        await using var commit = new GroupCommit<int>(held.CommitAsync, maxBatch: 10);
        using var cancel = new CancellationTokenSource();

        var first = commit.WriteAsync(1);
        await held.EnteredAsync(0);
        var impatient = commit.WriteAsync(2, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        held.LetAll();
        await first;
        await held.EnteredAsync(1);
        Assert.Equal([[1], [2]], held.Batches);
    }
}
