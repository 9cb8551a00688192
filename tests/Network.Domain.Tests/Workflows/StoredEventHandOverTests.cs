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
        var handOns = new List<string[]>();
        var handOver = new StoredEventHandOver(events =>
        {
            handOns.Add([.. events.Select(e => e.Record.Id)]);
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

        // What waited when a hand-on started went together.
        Assert.Equal([["a", "b"], ["c"]], handOns);
        Assert.True(handOver.HasHandedOn);
    }

    [Fact]
    public async Task The_outbox_forgets_only_what_was_handed_on_and_an_event_stored_again_after_that_goes_again()
    {
        var gate = new TaskCompletionSource();
        var handedOn = new List<string>();
        var handOver = new StoredEventHandOver(async events =>
        {
            handedOn.AddRange(events.Select(e => e.Record.Id));
            if (events.Any(e => e.Record.Id == "b"))
            {
                await gate.Task;
            }
        }, (_, _, _) => { });
        List<DomainEventRecord> outbox = [Event("a")];

        await OnGrainAsync(async () =>
        {
            handOver.Stored(outbox);
            await handOver.WaitUntilAtMostAsync(0);
            outbox.Add(Event("b"));
            handOver.Stored(outbox);
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
        var handOver = new StoredEventHandOver(events =>
        {
            if (events[0].Record.Id == "a" && ++attempts == 1)
            {
                throw new TimeoutException("The workflow did not answer.");
            }
            handedOn.AddRange(events.Select(e => e.Record.Id));
            return Task.CompletedTask;
        }, (events, _, wait) => failures.Add((events[0].Record.Id, wait)));
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
        var handOver = new StoredEventHandOver(async events =>
        {
            await Task.Delay(20);
            handedOn.AddRange(events.Select(e => e.Record.Id));
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

    [Fact]
    public async Task A_hand_on_takes_at_most_its_limit_in_order_and_each_event_runs_its_own_part_in_its_raising_calls_context()
    {
        var call = new AsyncLocal<string>();
        var handOns = new List<(string[] Ids, string?[] Calls, string? RunsIn)>();
        var handOver = new StoredEventHandOver(events =>
        {
            handOns.Add(([.. events.Select(e => e.Record.Id)], [.. events.Select(e => e.InItsCall(() => call.Value))], call.Value));
            return Task.CompletedTask;
        }, (_, error, _) => throw new InvalidOperationException("No hand-over should fail here.", error));
        var outbox = Enumerable.Range(0, StoredEventHandOver.MostPerHandOn + 4).Select(i => Event("e" + i)).ToList();

        await OnGrainAsync(async () =>
        {
            // Each event raised in a call of its own; the write that stores them all runs in the last one's.
            foreach (var record in outbox)
            {
                call.Value = "call " + record.Id;
                handOver.Raised(record);
            }
            call.Value = "the write's call";
            // The hand-over starts at once and its first hand-on takes what waits, up to the limit.
            handOver.Stored(outbox);
            await handOver.WaitUntilAtMostAsync(0);
        });

        Assert.Equal([StoredEventHandOver.MostPerHandOn, 4], handOns.Select(h => h.Ids.Length));
        Assert.Equal(outbox.Select(e => e.Id), handOns.SelectMany(h => h.Ids));
        Assert.Equal(outbox.Select(e => "call " + e.Id), handOns.SelectMany(h => h.Calls));
        // The hand-on itself runs in the context of its first event's call.
        Assert.Equal(["call e0", "call e" + StoredEventHandOver.MostPerHandOn], handOns.Select(h => h.RunsIn));
    }

    private Task OnGrainAsync(Func<Task> steps) =>
        Task.Factory.StartNew(steps, CancellationToken.None, TaskCreationOptions.None, _grain).Unwrap().WaitAsync(TimeSpan.FromSeconds(30));

    private static DomainEventRecord Event(string id) => new(id, "ProgressReported", "{}", DateTimeOffset.UnixEpoch, LinksQueued: true);
}
