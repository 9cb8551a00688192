using Network.Domain.Audit;
using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.Tests.Storage;

/// <summary>
/// A grain's calls applied in order and stored in batches, run as a reentrant grain runs them: every step on one
/// exclusive scheduler, so the calls interleave only at awaits. The "grain" here keeps a list of entries in memory
/// and a stored copy, with a set of claimed message ids, as a commitment keeps its history and applied messages.
/// </summary>
public sealed class BatchedChangesTests
{
    private readonly TaskScheduler _grain = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

    [Fact]
    public async Task Calls_that_come_while_a_write_is_on_its_way_are_stored_together_and_each_answered_once_stored()
    {
        var (grain, firstWrite) = FirstWriteHeld();

        await OnGrainAsync(async () =>
        {
            var first = grain.Add("a");
            await Until(() => grain.Writing);
            var later = Enumerable.Range(1, 4).Select(i => grain.Add("b" + i)).ToList();
            var read = grain.Read();
            await Task.Delay(20);
            Assert.All(later, call => Assert.False(call.IsCompleted));
            Assert.False(read.IsCompleted);
            firstWrite.SetResult();

            Assert.Equal(["a"], await first);
            Assert.Equal(["a", "b1", "b2", "b3", "b4"], await later[^1]);
            Assert.Equal(["a", "b1"], await later[0]);
            Assert.Equal(["a", "b1", "b2", "b3", "b4"], await read);
        });

        Assert.Equal([["a"], ["a", "b1", "b2", "b3", "b4"]], grain.Writes);
    }

    [Fact]
    public async Task A_refused_call_fails_alone_and_changes_nothing()
    {
        var (grain, firstWrite) = FirstWriteHeld();

        await OnGrainAsync(async () =>
        {
            var first = grain.Add("a");
            await Until(() => grain.Writing);
            var before = grain.Add("b");
            var refused = grain.Add("");
            var after = grain.Add("c");
            firstWrite.SetResult();

            await first;
            await Assert.ThrowsAsync<ArgumentException>(() => refused);
            Assert.Equal(["a", "b"], await before);
            Assert.Equal(["a", "b", "c"], await after);
        });

        Assert.Equal(["a", "b", "c"], grain.Stored);
    }

    [Fact]
    public async Task A_write_that_finds_a_message_applied_before_is_made_again_without_it_and_its_call_changes_nothing()
    {
        var (grain, firstWrite) = FirstWriteHeld();
        grain.StoredClaims.Add("m2");

        await OnGrainAsync(async () =>
        {
            var first = grain.Add("a", "m0");
            await Until(() => grain.Writing);
            // Three messages in one write, one of them applied before; and one sent twice within the same write.
            var calls = new[] { grain.Add("b", "m1"), grain.Add("c", "m2"), grain.Add("d", "m3"), grain.Add("d again", "m3") };
            firstWrite.SetResult();

            await first;
            Assert.Equal(["a", "b"], await calls[0]);
            Assert.Equal(["a", "b"], await calls[1]);
            Assert.Equal(["a", "b", "d"], await calls[2]);
            Assert.Equal(["a", "b", "d"], await calls[3]);
        });

        Assert.Equal(["a", "b", "d"], grain.Stored);
        Assert.Equal(["m0", "m1", "m2", "m3"], grain.StoredClaims.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failed_write_fails_its_calls_puts_memory_back_and_the_calls_after_it_go_on()
    {
        var (grain, firstWrite) = FirstWriteHeld(attempt => attempt == 1 ? Task.FromException(new InvalidOperationException("disk full")) : Task.CompletedTask);

        await OnGrainAsync(async () =>
        {
            var first = grain.Add("a");
            await Until(() => grain.Writing);
            var failing = grain.Add("b");
            firstWrite.SetResult();
            await first;
            await Until(() => grain.Attempts == 2 && !grain.Writing);
            var after = grain.Add("c");

            Assert.Equal("disk full", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
            Assert.Equal(["a", "c"], await after);
        });

        Assert.Equal(["a", "c"], grain.Stored);
        Assert.Equal(1, grain.StartedOver);
    }

    [Fact]
    public async Task When_memory_cannot_be_put_back_every_call_waiting_or_to_come_is_refused()
    {
        var (grain, firstWrite) = FirstWriteHeld(_ => Task.FromException(new InvalidOperationException("disk full")));
        grain.StartOverFails = true;

        await OnGrainAsync(async () =>
        {
            var first = grain.Add("a");
            await Until(() => grain.Writing);
            var failing = grain.Add("b");
            firstWrite.SetResult();
            await first;

            await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Add("c"));
            Assert.Contains("starts over from storage", refused.Message, StringComparison.Ordinal);
        });

        Assert.Equal(["a"], grain.Stored);
    }

    [Fact]
    public async Task Each_call_is_applied_in_its_own_context_and_the_write_carries_every_stored_calls_audit_line()
    {
        var (grain, firstWrite) = FirstWriteHeld();
        var callers = new List<string?>();
        grain.OnApply = () => callers.Add(TenantCallContext.Current?.Tenant?.Value);

        await OnGrainAsync(async () =>
        {
            var first = Declared("change-a", "network/ta", () => grain.Add("a"));
            await Until(() => grain.Writing);
            var b = Declared("change-b", "network/tb", () => grain.Add("b"));
            var refused = Declared("change-x", "network/tx", () => grain.Add(""));
            var c = Declared("change-c", "network/tc", () => grain.Add("c"));
            var read = Declared("change-r", "network/tr", grain.Read);
            firstWrite.SetResult();
            await Task.WhenAll(first, b, c, read);
            await Assert.ThrowsAsync<ArgumentException>(() => refused);
        });

        Assert.Equal(["network/ta", "network/tb", "network/tx", "network/tc", "network/tr"], callers);
        Assert.Equal([["change-a"], ["change-b", "change-c"]], grain.AuditsStored);
    }

    /// <summary>A grain whose first write waits for the test, then later writes do as <paramref name="later"/> says.</summary>
    private static (Memory Grain, TaskCompletionSource FirstWrite) FirstWriteHeld(Func<int, Task>? later = null)
    {
        var grain = new Memory();
        var firstWrite = new TaskCompletionSource();
        grain.BeforeWrite = attempt => attempt == 0 ? firstWrite.Task : (later ?? (_ => Task.CompletedTask))(attempt);
        return (grain, firstWrite);
    }

    private static Task<T> Declared<T>(string change, string tenant, Func<Task<T>> call)
    {
        var caller = TenantCaller.ForKey(TenantPath.Parse(tenant), TenantRole.Member, "k-" + change);
        using (TenantCallContext.Enter(caller))
        using (AuditOperation.Enter(new AuditEntry(change, DateTimeOffset.UnixEpoch, tenant, "t", AuditActor.System,
                   AuditActions.CommitmentProgress, "commitment/c", AuditOutcomes.Done, null, null)))
        {
            return call();
        }
    }

    private Task OnGrainAsync(Func<Task> steps) =>
        Task.Factory.StartNew(steps, CancellationToken.None, TaskCreationOptions.None, _grain).Unwrap().WaitAsync(TimeSpan.FromSeconds(30));

    private static async Task Until(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(1);
        }
    }

    /// <summary>A grain's memory and its stored copy; a write stores memory unless one of its claims is stored already.</summary>
    private sealed class Memory
    {
        private readonly BatchedChanges _changes;
        private List<string> _entries = [];

        public Memory() => _changes = new BatchedChanges(WriteAsync, StartOverAsync);

        public List<string> Stored { get; private set; } = [];

        public HashSet<string> StoredClaims { get; } = new(StringComparer.Ordinal);

        public List<List<string>> Writes { get; } = [];

        public List<List<string>> AuditsStored { get; } = [];

        /// <summary>What each write attempt (numbered from 0) waits for before it stores, or fails with.</summary>
        public Func<int, Task> BeforeWrite { get; set; } = _ => Task.CompletedTask;

        public int Attempts { get; private set; }

        public Action OnApply { get; set; } = () => { };

        public bool StartOverFails { get; set; }

        public bool Writing { get; private set; }

        public int StartedOver { get; private set; }

        public Task<List<string>> Add(string entry, string? messageId = null) => _changes.RunAsync(() =>
        {
            OnApply();
            ArgumentException.ThrowIfNullOrEmpty(entry);
            if (messageId is not null && _changes.IsClaimed(messageId))
            {
                return ChangeOutcome.Unchanged(_entries.ToList());
            }
            _entries.Add(entry);
            return ChangeOutcome.Stored(_entries.ToList(), messageId);
        });

        public Task<List<string>> Read() => _changes.RunAsync(() =>
        {
            OnApply();
            return ChangeOutcome.Unchanged(_entries.ToList());
        });

        private async Task WriteAsync(IReadOnlyList<string> claims)
        {
            Writing = true;
            try
            {
                var audits = AuditOperation.ToStore.Select(a => a.Id).ToList();
                var attempt = _entries.ToList();
                await BeforeWrite(Attempts++);
                Writes.Add(attempt);
                if (claims.Distinct(StringComparer.Ordinal).Count() != claims.Count)
                {
                    throw new InvalidOperationException("A write claimed one message twice.");
                }
                if (claims.FirstOrDefault(StoredClaims.Contains) is { } taken)
                {
                    // As PostgreSQL does: one of them was taken, named as the first.
                    throw new KeyClaimedException("applied", "grain", claims[0] == taken ? taken : claims[0]);
                }
                StoredClaims.UnionWith(claims);
                Stored = attempt;
                AuditsStored.Add(audits);
            }
            finally
            {
                Writing = false;
            }
        }

        private Task StartOverAsync()
        {
            StartedOver++;
            if (StartOverFails)
            {
                return Task.FromException(new InvalidOperationException("storage gone"));
            }
            _entries = Stored.ToList();
            return Task.CompletedTask;
        }
    }
}
