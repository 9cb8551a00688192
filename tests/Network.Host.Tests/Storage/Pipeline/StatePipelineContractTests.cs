using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Domain.Audit;
using Network.Domain.Storage;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Audit;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
using Network.Workflows.Runtime;
using Orleans.Storage;

namespace Network.Host.Tests.Storage.Pipeline;

/// <summary>
/// What the state pipeline promises, the same on SQLite and PostgreSQL: units of one batch commit or fail each on its
/// own, log rows, set members and queued messages go with their snapshot or not at all, and concurrent units from
/// many grains all land.
/// </summary>
public abstract class StatePipelineContractTests
{
    private const string Service = "network";

    /// <summary>Options for a new database with the schema applied.</summary>
    protected abstract Task<StorageOptions> FreshStorageAsync();

    /// <summary>The store under test.</summary>
    internal abstract IStateStore OpenStore(StorageOptions storage);

    /// <summary>Writes <paramref name="batch"/> as one batch (one transaction) with the provider's writer.</summary>
    internal abstract Task WriteOneBatchAsync(StorageOptions storage, IReadOnlyList<WriteUnit> batch);

    private static StateRowKey Key(string id) => new(Service, "pipeline-test", 0, 0, id);

    private static LogRow Line(string owner, long seq) =>
        new(StateLogs.WorkflowJournal, owner, seq, DateTimeOffset.Parse("2026-12-02T10:00:00Z", CultureInfo.InvariantCulture).AddSeconds(seq),
            $$"""{"seq":{{seq}},"kind":"stepStarted"}""");

    private static string Payload(string text) => $$"""{"text":"{{text}}"}""";

    [Fact]
    public async Task A_unit_whose_version_conflicts_fails_alone_while_the_rest_of_its_batch_commits()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        Assert.Equal(1, await store.CommitAsync(new StateUnit(Key("a"), StateUnitKind.Write, null, Payload("a1"), [Line("a", 1)])));
        Assert.Equal(1, await store.CommitAsync(new StateUnit(Key("b"), StateUnitKind.Write, null, Payload("b1"), [])));

        var a = new StateUnit(Key("a"), StateUnitKind.Write, 1, Payload("a2"), [Line("a", 2), Line("a", 3)]);
        var stale = new StateUnit(Key("b"), StateUnitKind.Write, 7, Payload("b-stale"), [Line("b", 1)]);
        var fresh = new StateUnit(Key("c"), StateUnitKind.Write, null, Payload("c1"), [Line("c", 1)]);
        await WriteOneBatchAsync(storage, [a, stale, fresh]);

        Assert.Equal(2, await a.Committed);
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Committed);
        Assert.Equal(1, await fresh.Committed);

        Assert.Equal(new StoredState(Payload("a2"), 2), await store.ReadAsync(Key("a"), CancellationToken.None));
        Assert.Equal(new StoredState(Payload("b1"), 1), await store.ReadAsync(Key("b"), CancellationToken.None));
        Assert.Equal(new StoredState(Payload("c1"), 1), await store.ReadAsync(Key("c"), CancellationToken.None));
        var logs = (IStateLogReader)store;
        Assert.Equal([1L, 2L, 3L], (await logs.ReadAsync(StateLogs.WorkflowJournal, "a", 0, 100)).Select(r => r.Seq));
        Assert.Empty(await logs.ReadAsync(StateLogs.WorkflowJournal, "b", 0, 100));
        Assert.Equal([1L], (await logs.ReadAsync(StateLogs.WorkflowJournal, "c", 0, 100)).Select(r => r.Seq));
    }

    [Fact]
    public async Task A_new_grain_written_by_two_activations_keeps_the_first_and_refuses_the_second()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var first = new StateUnit(Key("twice"), StateUnitKind.Write, null, Payload("first"), [Line("twice", 1)]);
        var second = new StateUnit(Key("twice"), StateUnitKind.Write, null, Payload("second"), [Line("twice", 1)]);
        await WriteOneBatchAsync(storage, [first, second]);

        Assert.Equal(1, await first.Committed);
        await Assert.ThrowsAsync<InconsistentStateException>(() => second.Committed);
        Assert.Equal(new StoredState(Payload("first"), 1), await store.ReadAsync(Key("twice"), CancellationToken.None));
    }

    [Fact]
    public async Task A_log_row_that_is_already_stored_fails_its_unit_alone_and_leaves_its_snapshot_as_it_was()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        await store.CommitAsync(new StateUnit(Key("d"), StateUnitKind.Write, null, Payload("d1"), [Line("d", 1)]));

        var duplicate = new StateUnit(Key("d"), StateUnitKind.Write, 1, Payload("d2"), [Line("d", 1)]);
        var other = new StateUnit(Key("e"), StateUnitKind.Write, null, Payload("e1"), [Line("e", 1)]);
        await WriteOneBatchAsync(storage, [duplicate, other]);

        await Assert.ThrowsAnyAsync<Exception>(() => duplicate.Committed);
        Assert.Equal(1, await other.Committed);
        Assert.Equal(new StoredState(Payload("d1"), 1), await store.ReadAsync(Key("d"), CancellationToken.None));
        Assert.Single(await ((IStateLogReader)store).ReadAsync(StateLogs.WorkflowJournal, "d", 0, 100));
    }

    [Fact]
    public async Task Concurrent_units_of_many_grains_all_commit_in_order_per_grain_and_read_back()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        const int Grains = 40;
        const int Steps = 10;
        // Each grain writes its steps one after another (as a grain does); the grains run at once.
        await Task.WhenAll(Enumerable.Range(0, Grains).Select(async g =>
        {
            int? version = null;
            for (var step = 1; step <= Steps; step++)
            {
                version = await store.CommitAsync(new StateUnit(
                    Key($"g{g}"), StateUnitKind.Write, version, Payload($"g{g}-{step}"), [Line($"g{g}", step)]));
            }
        }));

        var logs = (IStateLogReader)store;
        for (var g = 0; g < Grains; g++)
        {
            Assert.Equal(new StoredState(Payload($"g{g}-{Steps}"), Steps), await store.ReadAsync(Key($"g{g}"), CancellationToken.None));
            Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), (await logs.ReadAsync(StateLogs.WorkflowJournal, $"g{g}", 0, 100)).Select(r => r.Seq));
        }
    }

    [Fact]
    public async Task A_log_is_read_a_page_at_a_time_in_order()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        await store.CommitAsync(new StateUnit(Key("p"), StateUnitKind.Write, null, Payload("p"), [.. Enumerable.Range(1, 25).Select(s => Line("p", s))]));
        var logs = (IStateLogReader)store;

        var first = await logs.ReadAsync(StateLogs.WorkflowJournal, "p", 0, 10);
        var second = await logs.ReadAsync(StateLogs.WorkflowJournal, "p", first[^1].Seq, 10);
        var last = await logs.ReadAsync(StateLogs.WorkflowJournal, "p", second[^1].Seq, 10);

        Assert.Equal(Enumerable.Range(1, 25).Select(s => (long)s), first.Concat(second).Concat(last).Select(r => r.Seq));
        Assert.Equal(Line("p", 7).At, first[6].At);
        Assert.Equal(Line("p", 7).EntryJson, first[6].EntryJson);
        Assert.Empty(await logs.ReadAsync(StateLogs.CommitmentHistory, "p", 0, 10));
    }

    [Fact]
    public async Task A_writes_journal_lines_share_a_row_and_read_back_from_any_line_among_rows_written_before_one_a_line()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        static JournalEntry Entry(long seq) =>
            new() { Seq = seq, At = DateTimeOffset.Parse("2026-12-02T10:00:00Z", CultureInfo.InvariantCulture).AddSeconds(seq), Kind = "step-started", StepId = "s" + seq };
        static List<JournalEntry> Entries(int first, int last) => [.. Enumerable.Range(first, last - first + 1).Select(s => Entry(s))];
        // Lines 1 and 2 as an earlier version wrote them (a row each); then writes of 3, 1 and 60 lines.
        await store.CommitAsync(new StateUnit(Key("j"), StateUnitKind.Write, null, Payload("j1"), [Line("j", 1), Line("j", 2)]));
        var version = 1;
        foreach (var lines in new[] { Entries(3, 5), Entries(6, 6), Entries(7, 66) })
        {
            version = await store.CommitAsync(new StateUnit(Key("j"), StateUnitKind.Write, version, Payload("j"), [.. JournalRows.For("j", lines)]));
        }
        var logs = (IStateLogReader)store;

        var rows = await logs.ReadAsync(StateLogs.WorkflowJournal, "j", 0, 100);
        Assert.Equal([1L, 2L, 5L, 6L, 56L, 66L], rows.Select(r => r.Seq));
        Assert.DoesNotContain("null", rows[^1].EntryJson, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 66).Select(s => (long)s), (await JournalRows.ReadAsync(logs, "j", 0, 66, 1000)).Select(l => l.Seq));
        Assert.Equal([4L, 5L], (await JournalRows.ReadAsync(logs, "j", 3, 66, 2)).Select(l => l.Seq));
        Assert.Equal([1L], (await JournalRows.ReadAsync(logs, "j", 0, 66, 1)).Select(l => l.Seq));
        Assert.Equal(Enumerable.Range(4, 62).Select(s => (long)s), (await JournalRows.ReadAsync(logs, "j", 3, 65, 1000)).Select(l => l.Seq));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], (await JournalRows.ReadAsync(logs, "j", 0, 5, 1000)).Select(l => l.Seq));
        Assert.Empty(await JournalRows.ReadAsync(logs, "j", 66, 66, 10));
        Assert.Equal("s40", (await JournalRows.ReadAsync(logs, "j", 39, 66, 1))[0].StepId);
        Assert.Equal(Entry(40).At, (await JournalRows.ReadAsync(logs, "j", 39, 66, 1))[0].At);

        var paged = new List<long>();
        for (var page = await JournalRows.ReadAsync(logs, "j", 0, 66, 7); page.Count > 0; page = await JournalRows.ReadAsync(logs, "j", paged[^1], 66, 7))
        {
            Assert.True(page.Count == 7 || paged.Count + page.Count == 66, $"a page of {page.Count} lines after line {paged.LastOrDefault()}");
            paged.AddRange(page.Select(l => l.Seq));
        }
        Assert.Equal(Enumerable.Range(1, 66).Select(s => (long)s), paged);
    }

    [Fact]
    public async Task The_end_of_a_log_is_its_last_rows_in_order_and_only_the_owners()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        await store.CommitAsync(new StateUnit(Key("e"), StateUnitKind.Write, null, Payload("e"), [.. Enumerable.Range(1, 25).Select(s => Line("e", s))]));
        await store.CommitAsync(new StateUnit(Key("f"), StateUnitKind.Write, null, Payload("f"), [.. Enumerable.Range(1, 30).Select(s => Line("f", s))]));
        var logs = (IStateLogReader)store;

        var lastFour = await logs.ReadLastAsync(StateLogs.WorkflowJournal, "e", 4);
        var all = await logs.ReadLastAsync(StateLogs.WorkflowJournal, "e", 100);

        Assert.Equal([22L, 23L, 24L, 25L], lastFour.Select(r => r.Seq));
        Assert.Equal(Line("e", 23).EntryJson, lastFour[1].EntryJson);
        Assert.Equal(Line("e", 23).At, lastFour[1].At);
        Assert.Equal(Enumerable.Range(1, 25).Select(s => (long)s), all.Select(r => r.Seq));
        Assert.All(all, r => Assert.Equal("e", r.Owner));
        Assert.Empty(await logs.ReadLastAsync(StateLogs.WorkflowJournal, "none", 10));
    }

    [Fact]
    public async Task A_row_no_grain_numbers_is_appended_once_per_id_after_the_owners_last_row()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var at = FarAhead;
        var writer = (IStateLogWriter)store;
        var logs = (IStateLogReader)store;
        OnceAppend Kept(string owner, string id) => new(StateLogs.KeptEvents, owner, id, at.AddDays(1), $$"""{"id":"{{id}}"}""");

        Assert.True(await writer.AppendOnceAsync(Kept("x", "e-a")));
        Assert.False(await writer.AppendOnceAsync(Kept("x", "e-a")));
        Assert.True(await writer.AppendOnceAsync(Kept("x", "e-b")));
        Assert.True(await writer.AppendOnceAsync(Kept("y", "e-a")));

        var x = await logs.ReadLastAsync(StateLogs.KeptEvents, "x", 100);
        Assert.Equal(["""{"id":"e-a"}""", """{"id":"e-b"}"""], x.Select(r => r.EntryJson.Replace(" ", "", StringComparison.Ordinal)));
        Assert.True(x[0].Seq < x[1].Seq);
        Assert.Equal(at.AddDays(1), x[^1].At);
        Assert.Equal(["""{"id":"e-a"}"""], (await logs.ReadLastAsync(StateLogs.KeptEvents, "y", 100)).Select(r => r.EntryJson.Replace(" ", "", StringComparison.Ordinal)));
        // The id is the row's: a grain's unit, whose log rows carry none, cannot write to such a log.
        Assert.Throws<ArgumentException>(() => new StateUnit(Key("k"), StateUnitKind.Write, null, Payload("k"), [new LogRow(StateLogs.KeptEvents, "x", 9, at, "{}")]));
        Assert.Throws<ArgumentException>(() => { _ = writer.AppendOnceAsync(Kept("x", "e-c") with { Log = StateLogs.WorkflowJournal }); });
    }

    [Fact]
    public async Task Appends_then_reads_of_members_commit_the_appends_first_and_answer_each_in_its_order()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var at = FarAhead;
        var writer = (IStateLogWriter)store;
        var logs = (IStateLogReader)store;
        OnceAppend Kept(string owner, string id) => new(StateLogs.KeptEvents, owner, id, at, $$"""{"id":"{{id}}"}""");
        KeyRow Waiting(string entry, string instance) => new(StateKeySets.WaitingInstances, entry, instance, at);
        await store.CommitAsync(new StateUnit(Key("w"), StateUnitKind.Write, null, Payload("w1"), [],
            [Waiting("entry-1", "i-b"), Waiting("entry-1", "i-a"), Waiting("entry-2", "i-a"), Waiting("entry-2", "i-c")]));
        Assert.True(await writer.AppendOnceAsync(Kept("entry-1", "e-0")));

        var (appended, members) = await writer.AppendOnceThenReadMembersAsync(
            [Kept("entry-1", "e-1"), Kept("entry-1", "e-0"), Kept("entry-2", "e-1")], StateKeySets.WaitingInstances,
            [["entry-1", "entry-2"], ["entry-2"], ["entry-9"], []]);

        Assert.Equal([true, false, true], appended);
        Assert.Equal([["i-a", "i-b", "i-c"], ["i-a", "i-c"], [], []], members);
        Assert.Equal(["e-0", "e-1"], (await logs.ReadLastAsync(StateLogs.KeptEvents, "entry-1", 100)).Select(r => IdOf(r.EntryJson)));
        Assert.Equal(["e-1"], (await logs.ReadLastAsync(StateLogs.KeptEvents, "entry-2", 100)).Select(r => IdOf(r.EntryJson)));

        // Only reads, or only appends.
        Assert.Equal([["i-a", "i-b"]], (await writer.AppendOnceThenReadMembersAsync([], StateKeySets.WaitingInstances, [["entry-1"]])).Members);
        Assert.Equal([true], (await writer.AppendOnceThenReadMembersAsync([Kept("entry-3", "e-3")], StateKeySets.WaitingInstances, [])).Appended);

        // A bad append among good ones fails the call before anything is written.
        await Assert.ThrowsAsync<ArgumentException>(() => writer.AppendOnceThenReadMembersAsync(
            [Kept("entry-4", "e-4"), Kept("entry-4", "e-5") with { Log = StateLogs.WorkflowJournal }], StateKeySets.WaitingInstances, [["entry-1"]]));
        Assert.Empty(await logs.ReadLastAsync(StateLogs.KeptEvents, "entry-4", 100));
        // So does a set that is not one.
        await Assert.ThrowsAsync<ArgumentException>(() => writer.AppendOnceThenReadMembersAsync(
            [Kept("entry-5", "e-6")], "no_such_set", [["entry-1"]]));
        Assert.Empty(await logs.ReadLastAsync(StateLogs.KeptEvents, "entry-5", 100));

        static string IdOf(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Rows_no_grain_numbers_share_a_batch_with_state_units_and_an_id_twice_in_it_is_appended_once()
    {
        var storage = await FreshStorageAsync();
        var at = FarAhead;
        LogAppendUnit Kept(string id) => new(new OnceAppend(StateLogs.KeptEvents, "z", id, at, $$"""{"id":"{{id}}"}"""));
        var (first, second, again) = (Kept("e-1"), Kept("e-2"), Kept("e-1"));
        var state = new StateUnit(Key("beside"), StateUnitKind.Write, null, Payload("beside"), []);

        await WriteOneBatchAsync(storage, [first, state, second, again]);

        Assert.True(await first.Committed);
        Assert.True(await second.Committed);
        Assert.False(await again.Committed);
        Assert.Equal(1, await state.Committed);
        await using var store = OpenStore(storage);
        var rows = await ((IStateLogReader)store).ReadLastAsync(StateLogs.KeptEvents, "z", 100);
        Assert.Equal(["""{"id":"e-1"}""", """{"id":"e-2"}"""], rows.Select(r => r.EntryJson.Replace(" ", "", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Set_members_are_added_with_their_snapshot_or_not_at_all_and_a_member_added_twice_keeps_the_first()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var at = FarAhead;
        KeyRow Applied(string owner, string id) => new(StateKeySets.AppliedEventIds, owner, id, at);
        await store.CommitAsync(new StateUnit(Key("k"), StateUnitKind.Write, null, Payload("k1"), [], [Applied("k", "e-1")]));

        var again = new StateUnit(Key("k"), StateUnitKind.Write, 1, Payload("k2"), [], [Applied("k", "e-1"), Applied("k", "e-2")]);
        var stale = new StateUnit(Key("k2"), StateUnitKind.Write, 3, Payload("stale"), [], [Applied("k2", "e-9")]);
        await WriteOneBatchAsync(storage, [again, stale]);

        Assert.Equal(2, await again.Committed);
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Committed);
        var sets = (IStateLogReader)store;
        Assert.True(await sets.ContainsAsync(StateKeySets.AppliedEventIds, "k", "e-1"));
        Assert.True(await sets.ContainsAsync(StateKeySets.AppliedEventIds, "k", "e-2"));
        Assert.False(await sets.ContainsAsync(StateKeySets.AppliedEventIds, "k2", "e-9"));
        Assert.False(await sets.ContainsAsync(StateKeySets.AppliedMessageIds, "k", "e-1"));
        Assert.False(await sets.ContainsAsync(StateKeySets.AppliedEventIds, "other", "e-1"));
    }

    [Fact]
    public async Task A_unit_whose_claim_is_taken_writes_nothing_and_fails_alone_while_the_rest_of_its_batch_commits()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var at = FarAhead;
        KeyRow Applied(string owner, string id) => new(StateKeySets.AppliedEventIds, owner, id, at);
        await store.CommitAsync(new StateUnit(Key("m"), StateUnitKind.Write, null, Payload("m1"), [], claims: [Applied("m", "e-1")]));
        await store.CommitAsync(new StateUnit(Key("n"), StateUnitKind.Write, null, Payload("n1"), []));

        // The id applied again, with everything a unit can carry beside its snapshot: none of it may be written.
        var again = new StateUnit(Key("m"), StateUnitKind.Write, 1, Payload("m-again"), [Line("m", 1)], [Applied("m", "e-2")],
            queueRows: [Queued("t-m", "q-1")], claims: [Applied("m", "e-1")]);
        var fresh = new StateUnit(Key("n"), StateUnitKind.Write, 1, Payload("n2"), [Line("n", 1)], claims: [Applied("n", "e-1")]);
        var firstWrite = new StateUnit(Key("o"), StateUnitKind.Write, null, Payload("o1"), [], claims: [Applied("o", "e-1")]);
        var firstWriteAgain = new StateUnit(Key("p"), StateUnitKind.Write, null, Payload("p1"), [], claims: [Applied("m", "e-1")]);
        await WriteOneBatchAsync(storage, [again, fresh, firstWrite, firstWriteAgain]);

        var taken = await Assert.ThrowsAsync<KeyClaimedException>(() => again.Committed);
        Assert.Equal((StateKeySets.AppliedEventIds, "m", "e-1"), (taken.Set, taken.Owner, taken.Key));
        await Assert.ThrowsAsync<KeyClaimedException>(() => firstWriteAgain.Committed);
        Assert.Equal(2, await fresh.Committed);
        Assert.Equal(1, await firstWrite.Committed);

        Assert.Equal(new StoredState(Payload("m1"), 1), await store.ReadAsync(Key("m"), CancellationToken.None));
        Assert.Null(await store.ReadAsync(Key("p"), CancellationToken.None));
        var logs = (IStateLogReader)store;
        Assert.Empty(await logs.ReadAsync(StateLogs.WorkflowJournal, "m", 0, 100));
        Assert.False(await logs.ContainsAsync(StateKeySets.AppliedEventIds, "m", "e-2"));
        Assert.Empty(await QueuedKeysAsync(store, "t-m"));
        Assert.Equal([1L], (await logs.ReadAsync(StateLogs.WorkflowJournal, "n", 0, 100)).Select(r => r.Seq));
        Assert.True(await logs.ContainsAsync(StateKeySets.AppliedEventIds, "n", "e-1"));
        Assert.True(await logs.ContainsAsync(StateKeySets.AppliedEventIds, "o", "e-1"));

        // A version conflict is still a version conflict when the claim is free.
        var stale = new StateUnit(Key("n"), StateUnitKind.Write, 1, Payload("n-stale"), [], claims: [Applied("n", "e-3")]);
        await WriteOneBatchAsync(storage, [stale]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Committed);
        Assert.False(await logs.ContainsAsync(StateKeySets.AppliedEventIds, "n", "e-3"));
    }

    [Fact]
    public async Task Set_members_are_removed_with_their_snapshot_or_not_at_all_and_read_back_in_order()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var at = FarAhead;
        KeyRow Waiting(string entry, string instance) => new(StateKeySets.WaitingInstances, entry, instance, at);
        await store.CommitAsync(new StateUnit(Key("w"), StateUnitKind.Write, null, Payload("w1"), [],
            [Waiting("entry-1", "i-b"), Waiting("entry-1", "i-a"), Waiting("entry-2", "i-a")]));
        await store.CommitAsync(new StateUnit(Key("x"), StateUnitKind.Write, null, Payload("x1"), [], [Waiting("entry-2", "i-x")]));

        var moved = new StateUnit(Key("w"), StateUnitKind.Write, 1, Payload("w2"), [], [Waiting("entry-3", "i-a")],
            keyRemovals: [Waiting("entry-1", "i-a"), Waiting("entry-9", "i-z")]);
        var stale = new StateUnit(Key("x"), StateUnitKind.Write, 5, Payload("stale"), [], [Waiting("entry-4", "i-x")],
            keyRemovals: [Waiting("entry-2", "i-x")]);
        await WriteOneBatchAsync(storage, [moved, stale]);

        Assert.Equal(2, await moved.Committed);
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Committed);
        var sets = (IStateLogReader)store;
        Assert.Equal(["i-b"], await sets.MembersAsync(StateKeySets.WaitingInstances, "entry-1"));
        Assert.Equal(["i-a", "i-x"], await sets.MembersAsync(StateKeySets.WaitingInstances, "entry-2"));
        Assert.Equal(["i-a"], await sets.MembersAsync(StateKeySets.WaitingInstances, "entry-3"));
        Assert.Empty(await sets.MembersAsync(StateKeySets.WaitingInstances, "entry-4"));
        Assert.Empty(await sets.MembersAsync(StateKeySets.WaitingInstances, "entry-9"));
        Assert.Empty(await sets.MembersAsync(StateKeySets.AppliedEventIds, "entry-1"));
        // Several owners in one read: each member once, in order.
        Assert.Equal(["i-a", "i-b", "i-x"], await sets.MembersOfAnyAsync(StateKeySets.WaitingInstances, ["entry-1", "entry-2", "entry-3", "entry-9"]));
        Assert.Equal(["i-a"], await sets.MembersOfAnyAsync(StateKeySets.WaitingInstances, ["entry-3"]));
        Assert.Empty(await sets.MembersOfAnyAsync(StateKeySets.WaitingInstances, ["entry-4", "entry-9"]));
        Assert.Empty(await sets.MembersOfAnyAsync(StateKeySets.WaitingInstances, []));
    }

    [Fact]
    public async Task A_changes_audit_line_is_stored_with_its_snapshot_or_not_at_all_and_once_per_id()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var at = FarAhead;
        AuditRow Line(string id, string target) => AuditRow.From(new AuditEntry(id, at, "network/tmp", "tmp",
            AuditActor.ForKey(TenantCaller.ForKey(TenantPath.Parse("network/tmp"), TenantRole.Member, "k-1"), "TMP staff", AuditDoors.Http),
            AuditActions.CommitmentProgress, target, AuditOutcomes.Done, null, "0af7651916cd43dd8448eb211c80319c"));
        await store.CommitAsync(new StateUnit(Key("u"), StateUnitKind.Write, null, Payload("u1"), [], [], [Line("change-1", "commitment/c-1")]));

        // The same change written again (a second write in one call, a call sent again) keeps the first line; a unit
        // refused on its version adds none.
        var again = new StateUnit(Key("u"), StateUnitKind.Write, 1, Payload("u2"), [], [], [Line("change-1", "commitment/other")]);
        var stale = new StateUnit(Key("v"), StateUnitKind.Write, 4, Payload("stale"), [], [], [Line("change-2", "commitment/c-2")]);
        var next = new StateUnit(Key("w"), StateUnitKind.Write, null, Payload("w1"), [], [], [Line("change-3", "commitment/c-3")]);
        await WriteOneBatchAsync(storage, [again, stale, next]);

        Assert.Equal(2, await again.Committed);
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Committed);
        Assert.Equal(1, await next.Committed);
        var trail = new SqlAuditTrail(storage);
        var page = await trail.ListAsync(TenantPath.Parse("network"), new AuditQuery(null, null, null, null, 0, 50));
        Assert.Equal(["change-3", "change-1"], page.Items.Select(e => e.Id));
        Assert.Equal(2, page.Total);
        var first = page.Items[1];
        Assert.Equal("commitment/c-1", first.Target);
        Assert.Equal(at, first.At);
        Assert.Equal("TMP staff", first.Actor.KeyLabel);
        Assert.Equal("k-1", first.Actor.Id);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", first.TraceId);

        // One write that stores the changes of several calls carries each call's line; one stored before is kept.
        var together = new StateUnit(Key("w"), StateUnitKind.Write, 1, Payload("w2"), [], [],
            [Line("change-4", "commitment/c-4"), Line("change-3", "commitment/again"), Line("change-5", "commitment/c-5")]);
        var refused = new StateUnit(Key("v"), StateUnitKind.Write, 4, Payload("stale"), [], [],
            [Line("change-6", "commitment/c-6"), Line("change-7", "commitment/c-7")]);
        await WriteOneBatchAsync(storage, [together, refused]);

        Assert.Equal(2, await together.Committed);
        await Assert.ThrowsAsync<InconsistentStateException>(() => refused.Committed);
        page = await trail.ListAsync(TenantPath.Parse("network"), new AuditQuery(null, null, null, null, 0, 50));
        Assert.Equal(["change-1", "change-3", "change-4", "change-5"], page.Items.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal("commitment/c-3", page.Items.Single(e => e.Id == "change-3").Target);
        Assert.Equal("commitment/c-5", page.Items.Single(e => e.Id == "change-5").Target);
    }

    [Fact]
    public async Task One_unit_appends_to_every_log_and_adds_to_every_set_and_one_removes_from_every_set()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var at = DateTimeOffset.Parse("2030-01-01T00:00:00Z", CultureInfo.InvariantCulture);
        // Every log a grain numbers (the store numbers the others, once per id: see the append tests).
        var grainLogs = StateLogs.All.Except(StateLogs.NumberedByTheStore).ToList();
        var unit = new StateUnit(Key("all"), StateUnitKind.Write, null, Payload("all"),
            [.. grainLogs.Select(log => new LogRow(log, "all", 1, at, $$"""{"log":"{{log}}"}"""))],
            [.. StateKeySets.All.Select(set => new KeyRow(set, "all", "id-" + set, at))]);

        Assert.Equal(1, await store.CommitAsync(unit));
        var reader = (IStateLogReader)store;
        foreach (var log in grainLogs)
        {
            Assert.Equal($$"""{"log":"{{log}}"}""", Assert.Single(await reader.ReadAsync(log, "all", 0, 10)).EntryJson);
        }
        foreach (var set in StateKeySets.All)
        {
            Assert.True(await reader.ContainsAsync(set, "all", "id-" + set));
        }

        var removal = new StateUnit(Key("all"), StateUnitKind.Write, 1, Payload("all-2"), [], [],
            keyRemovals: [.. StateKeySets.All.Select(set => new KeyRow(set, "all", "id-" + set, at))]);
        Assert.Equal(2, await store.CommitAsync(removal));
        foreach (var set in StateKeySets.All)
        {
            Assert.False(await reader.ContainsAsync(set, "all", "id-" + set));
        }
    }

    /// <summary>
    /// The time of kept events and set members: ahead of any day the tests run, since the store's expiry deletes kept
    /// events past their time and set members past their retention (with a fixed day of writing, these tests began
    /// failing once it had passed, whenever the expiry ran between an append and its read).
    /// </summary>
    private static readonly DateTimeOffset FarAhead = new(2100, 1, 4, 10, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset QueuedAt = DateTimeOffset.Parse("2026-12-02T10:00:00Z", CultureInfo.InvariantCulture);

    /// <summary>A link message for <paramref name="owner"/>'s outbox; the body has spacing and an escape that jsonb would rewrite.</summary>
    private static QueueRow Queued(string owner, string key, string source = "commitment/c-1", int second = 0) =>
        new(StateQueues.LinkOutbox, owner, key, source, "ProgressReported", $$"""{ "messageId": "{{key}}",  "note": "café "quoted"" }""",
            QueuedAt.AddSeconds(second));

    private static async Task<IReadOnlyList<string>> QueuedKeysAsync(IStateStore store, string owner) =>
        [.. (await ((IStateLogReader)store).QueuedAsync(StateQueues.LinkOutbox, owner, 100)).Select(r => r.Key)];

    [Fact]
    public async Task Queue_rows_are_written_with_their_unit_and_read_back_oldest_first_with_their_fields()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        // Keys out of ordinal order: the queue's order is the order they were queued in, not their keys'.
        IReadOnlyList<QueueRow> first = [Queued("t-1", "m-2", second: 1), Queued("t-1", "m-1", "instance/i-7", second: 2), Queued("t-2", "m-1", second: 3), Queued("t-1", "m-3", second: 4)];
        Assert.Equal(1, await store.CommitAsync(new StateUnit(Key("q"), StateUnitKind.Write, null, Payload("q1"), [], queueRows: first)));
        Assert.Equal(2, await store.CommitAsync(new StateUnit(Key("q"), StateUnitKind.Write, 1, Payload("q2"), [], queueRows: [Queued("t-1", "m-0", second: 5)])));

        var queue = (IStateLogReader)store;
        var rows = await queue.QueuedAsync(StateQueues.LinkOutbox, "t-1", 100);
        Assert.Equal(["m-2", "m-1", "m-3", "m-0"], rows.Select(r => r.Key));
        Assert.True(rows.Zip(rows.Skip(1)).All(pair => pair.First.Seq < pair.Second.Seq), "seqs increase");
        Assert.True(rows[0].Seq > 0);
        Assert.Equal([first[0], first[1], first[3], Queued("t-1", "m-0", second: 5)], rows.Select(r => r with { Seq = 0 }));
        Assert.Equal(["m-2", "m-1"], (await queue.QueuedAsync(StateQueues.LinkOutbox, "t-1", 2)).Select(r => r.Key));
        Assert.Equal([first[2]], (await queue.QueuedAsync(StateQueues.LinkOutbox, "t-2", 100)).Select(r => r with { Seq = 0 }));
        Assert.Empty(await queue.QueuedAsync(StateQueues.LinkOutbox, "t-3", 100));
    }

    [Fact]
    public async Task A_unit_whose_version_conflicts_queues_nothing_and_removes_nothing_while_the_rest_of_its_batch_commits()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        await store.CommitAsync(new StateUnit(Key("o"), StateUnitKind.Write, null, Payload("o1"), [], queueRows: [Queued("t-1", "a-1")]));

        var stale = new StateUnit(Key("o"), StateUnitKind.Write, 5, Payload("stale"), [], queueRows: [Queued("t-1", "a-2")],
            queueRemovals: [new QueuedKey(StateQueues.LinkOutbox, "t-1", "a-1")]);
        var fresh = new StateUnit(Key("p"), StateUnitKind.Write, null, Payload("p1"), [], queueRows: [Queued("t-2", "b-1")]);
        await WriteOneBatchAsync(storage, [stale, fresh]);

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Committed);
        Assert.Equal(1, await fresh.Committed);
        Assert.Equal(["a-1"], await QueuedKeysAsync(store, "t-1"));
        Assert.Equal(["b-1"], await QueuedKeysAsync(store, "t-2"));
        Assert.Equal(new StoredState(Payload("o1"), 1), await store.ReadAsync(Key("o"), CancellationToken.None));
    }

    [Fact]
    public async Task A_message_already_queued_or_already_sent_is_not_queued_again_and_its_unit_commits()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        var queue = (IStateLogReader)store;
        await store.CommitAsync(new StateUnit(Key("s"), StateUnitKind.Write, null, Payload("s1"), [],
            [new KeyRow(StateKeySets.SentLinkMessageIds, "t-1", "m-sent", QueuedAt)], queueRows: [Queued("t-1", "m-1", "first")]));
        var before = Assert.Single(await queue.QueuedAsync(StateQueues.LinkOutbox, "t-1", 100));

        // From another grain (as a commitment queues for its tenant's outbox): handed on again, sent already, twice in
        // one unit, and the sent key for another tenant, whose sent set does not hold it.
        var again = new StateUnit(Key("other-grain"), StateUnitKind.Write, null, Payload("g1"), [],
            queueRows: [Queued("t-1", "m-1", "second"), Queued("t-1", "m-sent"), Queued("t-1", "m-2"), Queued("t-1", "m-2", "second"), Queued("t-9", "m-sent")]);
        Assert.Equal(1, await store.CommitAsync(again));

        var rows = await queue.QueuedAsync(StateQueues.LinkOutbox, "t-1", 100);
        Assert.Equal(["m-1", "m-2"], rows.Select(r => r.Key));
        Assert.Equal(before, rows[0]);
        Assert.Equal("commitment/c-1", rows[1].Source);
        Assert.Equal(["m-sent"], await QueuedKeysAsync(store, "t-9"));
    }

    [Fact]
    public async Task Removals_delete_the_named_messages_only_and_a_missing_one_is_no_error()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        await store.CommitAsync(new StateUnit(Key("r"), StateUnitKind.Write, null, Payload("r1"), [],
            queueRows: [Queued("t-1", "m-1"), Queued("t-1", "m-2"), Queued("t-1", "m-3"), Queued("t-2", "m-2")]));

        // The outbox records m-2 as sent and deletes it; a key not there (sent before, a tenant with no queue) is no error.
        var sent = new StateUnit(Key("r"), StateUnitKind.Write, 1, Payload("r2"), [], [new KeyRow(StateKeySets.SentLinkMessageIds, "t-1", "m-2", QueuedAt)],
            queueRemovals: [new QueuedKey(StateQueues.LinkOutbox, "t-1", "m-2"), new QueuedKey(StateQueues.LinkOutbox, "t-1", "m-9"), new QueuedKey(StateQueues.LinkOutbox, "t-5", "m-1")]);
        Assert.Equal(2, await store.CommitAsync(sent));

        Assert.Equal(["m-1", "m-3"], await QueuedKeysAsync(store, "t-1"));
        Assert.Equal(["m-2"], await QueuedKeysAsync(store, "t-2"));
        Assert.True(await ((IStateLogReader)store).ContainsAsync(StateKeySets.SentLinkMessageIds, "t-1", "m-2"));
    }

    [Fact]
    public async Task Queue_rows_of_several_units_in_one_batch_keep_their_commit_order()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        await store.CommitAsync(new StateUnit(Key("b2"), StateUnitKind.Write, null, Payload("b2"), []));

        var one = new StateUnit(Key("b1"), StateUnitKind.Write, null, Payload("b1"), [], queueRows: [Queued("t", "u1-b"), Queued("t", "u1-a")]);
        var stale = new StateUnit(Key("b2"), StateUnitKind.Write, 9, Payload("stale"), [], queueRows: [Queued("t", "stale")]);
        var two = new StateUnit(Key("b3"), StateUnitKind.Write, null, Payload("b3"), [], queueRows: [Queued("t", "u2-a")]);
        var three = new StateUnit(Key("b1"), StateUnitKind.Write, 1, Payload("b1-2"), [], queueRows: [Queued("t", "u3-b"), Queued("t", "u3-a")]);
        await WriteOneBatchAsync(storage, [one, stale, two, three]);

        Assert.Equal(2, await three.Committed);
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Committed);
        Assert.Equal(["u1-b", "u1-a", "u2-a", "u3-b", "u3-a"], await QueuedKeysAsync(store, "t"));
    }

    [Fact]
    public async Task A_cleared_state_keeps_its_row_and_version_and_reads_as_empty()
    {
        var storage = await FreshStorageAsync();
        await using var store = OpenStore(storage);
        await store.CommitAsync(new StateUnit(Key("x"), StateUnitKind.Write, null, Payload("x1"), []));
        Assert.Equal(2, await store.CommitAsync(new StateUnit(Key("x"), StateUnitKind.Clear, 1, null, [])));
        Assert.Equal(new StoredState(null, 2), await store.ReadAsync(Key("x"), CancellationToken.None));
        Assert.Null(await store.ReadAsync(Key("never"), CancellationToken.None));
    }

    [Fact]
    public async Task A_store_disposed_twice_writes_what_was_queued_once_and_then_refuses_new_units()
    {
        var storage = await FreshStorageAsync();
        var store = OpenStore(storage);
        var queued = store.CommitAsync(new StateUnit(Key("last"), StateUnitKind.Write, null, Payload("last"), []));
        await store.DisposeAsync();
        await store.DisposeAsync();

        Assert.Equal(1, await queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CommitAsync(new StateUnit(Key("late"), StateUnitKind.Write, null, Payload("late"), [])));
        await using var reopened = OpenStore(storage);
        Assert.Equal(new StoredState(Payload("last"), 1), await reopened.ReadAsync(Key("last"), CancellationToken.None));
    }

    /// <summary>Applies the schema to a new database.</summary>
    protected static async Task<StorageOptions> MigratedAsync(StorageOptions storage)
    {
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        return storage;
    }
}
