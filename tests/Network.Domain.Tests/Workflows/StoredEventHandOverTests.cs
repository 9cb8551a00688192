using Network.Domain.Workflows;

namespace Network.Domain.Tests.Workflows;

/// <summary>
/// The hand-over of a grain's stored events, run as a grain runs it: every step on one exclusive scheduler, so its
/// work interleaves with the test's only at awaits, as it does with a grain's calls.
/// </summary>
public sealed class StoredEventHandOverTests
{
    private readonly TaskScheduler _grain = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

    [Fact]
    public async Task Stored_events_are_handed_on_oldest_first_and_each_once_however_often_the_outbox_is_stored_again()
    {
        var handedOn = new List<string>();
        var handOver = new StoredEventHandOver(record =>
        {
            handedOn.Add(record.Id);
            return Task.Delay(5);
        }, (_, error, _) => throw new InvalidOperationException("No hand-over should fail here.", error));
        List<DomainEventRecord> outbox = [Event("a"), Event("b")];

        await OnGrainAsync(async () =>
        {
            handOver.Stored(outbox);
            outbox.Add(Event("c"));
            // The next write stores the whole outbox again, "a" and "b" included, while "a" is being handed on.
            handOver.Stored(outbox);
            await handOver.WaitUntilAtMostAsync(0);
        });

        Assert.Equal(["a", "b", "c"], handedOn);
        Assert.True(handOver.HasHandedOn);
    }

    [Fact]
    public async Task The_outbox_forgets_only_what_was_handed_on_and_an_event_stored_again_after_that_goes_again()
    {
        var gate = new TaskCompletionSource();
        var handedOn = new List<string>();
        var handOver = new StoredEventHandOver(async record =>
        {
            handedOn.Add(record.Id);
            if (record.Id == "b")
            {
                await gate.Task;
            }
        }, (_, _, _) => { });
        List<DomainEventRecord> outbox = [Event("a"), Event("b")];

        await OnGrainAsync(async () =>
        {
            handOver.Stored(outbox);
            while (handedOn.Count < 2)
            {
                await Task.Delay(1);
            }
            // "a" is handed on, "b" is on its way: a write now leaves out "a" alone.
            handOver.ForgetHandedOn(outbox);
            Assert.Equal(["b"], outbox.Select(e => e.Id));
            Assert.False(handOver.HasHandedOn);
            gate.SetResult();
            await handOver.WaitUntilAtMostAsync(0);

            // A write that stored nothing put "a" back (the state was read again): the next stored outbox hands it on
            // once more, as after a crash, and receivers drop it.
            outbox.Insert(0, Event("a"));
            handOver.Stored(outbox);
            await handOver.WaitUntilAtMostAsync(0);
        });

        Assert.Equal(["a", "b", "a"], handedOn);
    }

    [Fact]
    public async Task A_caller_waits_while_more_than_the_limit_wait_and_goes_on_as_the_hand_over_catches_up()
    {
        var release = new TaskCompletionSource();
        var handOver = new StoredEventHandOver(_ => release.Task, (_, _, _) => { });
        var outbox = Enumerable.Range(0, 5).Select(i => Event("e" + i)).ToList();

        await OnGrainAsync(async () =>
        {
            handOver.Stored(outbox);
            var waiting = handOver.WaitUntilAtMostAsync(2);
            await Task.Delay(50);
            Assert.False(waiting.IsCompleted);
            release.SetResult();
            await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        });
    }

    [Fact]
    public async Task A_receiver_that_fails_is_tried_again_and_callers_do_not_hang_on_it_meanwhile()
    {
        var attempts = 0;
        var failures = new List<(string Id, TimeSpan Wait)>();
        var handedOn = new List<string>();
        var handOver = new StoredEventHandOver(record =>
        {
            if (record.Id == "a" && ++attempts == 1)
            {
                throw new TimeoutException("The workflow did not answer.");
            }
            handedOn.Add(record.Id);
            return Task.CompletedTask;
        }, (record, _, wait) => failures.Add((record.Id, wait)));
        var outbox = Enumerable.Range(0, 4).Select(i => Event(i == 0 ? "a" : "e" + i)).ToList();

        await OnGrainAsync(async () =>
        {
            handOver.Stored(outbox);
            // Failing: a caller's wait for room ends at once, though four still wait.
            await handOver.WaitUntilAtMostAsync(1).WaitAsync(TimeSpan.FromMilliseconds(500));
            while (handedOn.Count < 4)
            {
                await Task.Delay(10);
            }
        });

        Assert.Equal([("a", TimeSpan.FromSeconds(1))], failures);
        Assert.Equal(["a", "e1", "e2", "e3"], handedOn);
    }

    [Fact]
    public async Task Stopping_hands_on_what_waits_first_but_does_not_wait_for_a_failing_receiver()
    {
        var handedOn = new List<string>();
        var handOver = new StoredEventHandOver(async record =>
        {
            await Task.Delay(20);
            handedOn.Add(record.Id);
        }, (_, _, _) => { });
        var failing = new StoredEventHandOver(_ => throw new TimeoutException("down"), (_, _, _) => { });

        await OnGrainAsync(async () =>
        {
            handOver.Stored([Event("a"), Event("b"), Event("c")]);
            await handOver.StopAsync();
            failing.Stored([Event("x")]);
            await Task.Delay(50);
            // Waiting out the first retry (a second) would fail the wait below.
            await failing.StopAsync().WaitAsync(TimeSpan.FromMilliseconds(500));
            handOver.Stored([Event("d")]);
            await Task.Delay(50);
        });

        Assert.Equal(["a", "b", "c"], handedOn);
    }

    private Task OnGrainAsync(Func<Task> steps) =>
        Task.Factory.StartNew(steps, CancellationToken.None, TaskCreationOptions.None, _grain).Unwrap().WaitAsync(TimeSpan.FromSeconds(30));

    private static DomainEventRecord Event(string id) => new(id, "ProgressReported", "{}", DateTimeOffset.UnixEpoch, LinksQueued: true);
}
