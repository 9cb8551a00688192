using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Network.Domain.Storage;
using Network.Domain.Tenancy;
using Network.Domain.Tests.Support;
using Network.Domain.Workflows;

namespace Network.Domain.Tests.Workflows.Waits;

/// <summary>The index of open waits: by correlation value, so an event finds exactly its instances.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkflowWaitIndexTests(ClusterFixture fixture)
{
    /// <summary>The entries' keys are stored (the wait rows' owners): their spelling never changes.</summary>
    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb924")]
    public void A_correlation_values_entry_key_is_the_first_32_hex_digits_of_its_sha256(string value, string hash) =>
        Assert.Equal("network/tmp|waits-for-Ping@key=" + hash, WorkflowWaitIndexGrain.KeyFor(TenantPath.Parse("network/tmp"), "Ping", "key", value));

    [Fact]
    public void A_long_or_non_ascii_correlation_value_hashes_as_its_utf8()
    {
        foreach (var value in new[] { new string('é', 400), "c-42 ✓", new string('x', 256), new string('x', 257) })
        {
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)))[..32];
            Assert.Equal("network|waits-for-E@f=" + expected, WorkflowWaitIndexGrain.KeyFor(TenantPath.Parse("network"), "E", "f", value));
        }
    }

    [Fact]
    public async Task Waits_are_indexed_by_their_correlation_value_and_leave_the_index_when_they_end()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var first = TenantScopedKey.For(root, "waiter--c-1");
        var second = TenantScopedKey.For(root, "waiter--c-2");
        await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(first).Start("waiter", """{"commitmentId":"c-1"}""");
        await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(second).Start("waiter", """{"commitmentId":"c-2"}""");

        var lookup = await fixture.Grains.GetGrain<IWorkflowWaitIndexGrain>(WorkflowWaitIndexGrain.KeyFor(root, "ReviewRequested")).Lookup();
        var forFirst = await CandidatesAsync(root, "ReviewRequested", "c-1");
        var forNone = await CandidatesAsync(root, "ReviewRequested", "c-9");
        var otherEvent = await CandidatesAsync(root, "ProgressReported", "c-1");
        var rowsOfFirst = await fixture.StateStorage.MembersAsync(
            StateKeySets.WaitingInstances, WorkflowWaitIndexGrain.KeyFor(root, "ReviewRequested", "commitmentId", "c-1"));
        await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(first).Deliver("ReviewRequested", """{"commitmentId":"c-1"}""", "e-1");
        var afterEnd = await CandidatesAsync(root, "ReviewRequested", "c-1");

        Assert.Equal(["commitmentId"], lookup.Fields);
        Assert.Equal([first], forFirst);
        // The members are rows the instance wrote with its own state, under the value's entry key.
        Assert.Equal([first], rowsOfFirst);
        Assert.Empty(forNone);
        Assert.Empty(otherEvent);
        Assert.Empty(afterEnd);
        Assert.Equal([second], await CandidatesAsync(root, "ReviewRequested", "c-2"));
    }

    private Task<IReadOnlyCollection<string>> CandidatesAsync(TenantPath root, string eventName, string commitmentId) =>
        WaitIndexEntry.CandidatesAsync(fixture.Grains, fixture.StateStorage, root, eventName, new JsonObject { ["commitmentId"] = commitmentId });

    [Fact]
    public async Task A_silos_kept_wait_fields_are_asked_for_again_once_a_wait_correlates_on_a_new_field_and_only_then()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var cache = new WaitLookupCache(fixture.Grains);
        var registry = fixture.Grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(root));
        var entry = fixture.Grains.GetGrain<IWorkflowWaitIndexGrain>(WorkflowWaitIndexGrain.KeyFor(root, "Nudged"));

        var first = (await registry.Catalog()).Stamp;
        var before = await cache.LookupAsync(root, "Nudged", first);
        await entry.CorrelatesOn("partnerId");
        var second = (await registry.Catalog()).Stamp;
        var after = await cache.LookupAsync(root, "Nudged", second);
        await entry.CorrelatesOn("partnerId");
        var third = (await registry.Catalog()).Stamp;

        Assert.Empty(before.Fields);
        // The entry announced the new field before learning it: the catalog's stamp changed, so the kept answer was not used.
        Assert.NotEqual(first, second);
        Assert.Equal(["partnerId"], after.Fields);
        // A field already known changes nothing.
        Assert.Equal(second, third);
        Assert.Same(after, await cache.LookupAsync(root, "Nudged", third));
    }

    [Fact]
    public async Task An_instance_whose_wait_correlates_on_a_field_new_to_its_event_changes_its_tenants_catalog_stamp()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var registry = fixture.Grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(root));

        var first = (await registry.Catalog()).Stamp;
        await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--c-s1")).Start("waiter", """{"commitmentId":"c-s1"}""");
        var second = (await registry.Catalog()).Stamp;
        await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--c-s2")).Start("waiter", """{"commitmentId":"c-s2"}""");
        var third = (await registry.Catalog()).Stamp;

        Assert.NotEqual(first, second);
        Assert.Equal(second, third);
    }

    [Fact]
    public async Task A_wait_opening_in_an_entry_of_one_value_activates_no_entry_and_still_finds_what_the_entry_kept()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var valueEntry = WorkflowWaitIndexGrain.KeyFor(root, "ReviewRequested", "commitmentId", "c-mem");
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        async Task<bool> ActiveAsync() =>
            (await management.GetActiveGrains(GrainType.Create("workflow-wait-index"))).Any(g => g.Key.ToString() == valueEntry);

        // A waiting instance costs its own activation only: its wait's row is its own, and kept events are read from their table.
        var started = await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--c-mem")).Start("waiter", """{"commitmentId":"c-mem"}""");

        Assert.Equal("waiting", started.Status);
        Assert.False(await ActiveAsync());
        Assert.Equal([TenantScopedKey.For(root, "waiter--c-mem")], await CandidatesAsync(root, "ReviewRequested", "c-mem"));
    }

    [Fact]
    public async Task An_event_that_came_before_its_wait_is_taken_when_the_wait_appears_and_only_by_its_correlation_value()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "announcer--c-7")).Start("announcer", """{"commitmentId":"c-7"}""");
        // The chair's notification comes after the announcement in the same dispatch: once it is there, the event was kept.
        await Eventually.ReadAsync(() => fixture.Grains.GetGrain<ITenantInboxGrain>(TenantInboxGrain.KeyFor(root)).List(null, null, 10), e => e.Count > 0);

        var late = await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--c-7")).Start("waiter", """{"commitmentId":"c-7"}""");
        var other = await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--c-8")).Start("waiter", """{"commitmentId":"c-8"}""");

        var taken = await Eventually.ReadAsync(() => fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--c-7")).Describe(),
            s => s!.Status == "completed");
        Assert.Equal("completed", taken!.Status);
        Assert.Equal("waiting", other.Status);
        Assert.Equal("waiting", (await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--c-8")).Describe())!.Status);
        Assert.NotNull(late);
    }

    [Fact]
    public async Task Kept_events_go_to_the_kept_event_log_once_each_and_a_new_wait_gets_the_last_thousand_unexpired()
    {
        var (root, _) = await fixture.NewRootAsync();
        var entry = WorkflowWaitIndexGrain.KeyFor(root, "Ping");
        var now = fixture.Clock.GetUtcNow();
        var writer = fixture.StateStorage;
        Task<bool> Keep(KeptEvent kept) => writer.AppendOnceAsync(WorkflowWaitIndexGrain.KeepingIn(entry, kept));
        Assert.True(await Keep(new KeptEvent("expiring", "Ping", "{}", now.AddMinutes(1))));
        for (var i = 1; i <= WorkflowWaitIndexGrain.MaxKept + 4; i++)
        {
            await Keep(new KeptEvent($"e-{i}", "Ping", "{\"n\":" + i + "}", now.AddDays(30)));
        }

        Assert.False(await Keep(new KeptEvent("e-7", "Ping", "{\"n\":\"again\"}", now.AddDays(30))));
        var kept = await WorkflowWaitIndexGrain.KeptAsync(fixture.StateStorage, entry, now.AddMinutes(2));

        Assert.Equal(Enumerable.Range(5, WorkflowWaitIndexGrain.MaxKept).Select(i => $"e-{i}"), kept.Select(k => k.EventId));
        Assert.Equal("{\"n\":7}", kept.Single(k => k.EventId == "e-7").DataJson);
        var rows = await fixture.StateStorage.ReadLastAsync(StateLogs.KeptEvents, entry, int.MaxValue);
        Assert.Equal(Enumerable.Range(1, WorkflowWaitIndexGrain.MaxKept + 5).Select(i => (long)i), rows.Select(r => r.Seq));
        // Keeping activated no entry: the entry grain wrote no state.
        Assert.Null(fixture.StateStorage.StoredJson("workflow-wait-index", fixture.Grains.GetGrain<IWorkflowWaitIndexGrain>(entry).GetGrainId()));
    }

    /// <summary>
    /// The race a dispatch and a new wait run: the dispatch reads
    /// the waiting instances, the wait writes its row and asks for kept events, and only then does the dispatch keep
    /// the event. The wait saw neither the delivery nor the kept event; the dispatch's read of the kept-in entries
    /// after keeping finds it.
    /// </summary>
    [Fact]
    public async Task A_wait_that_opens_while_a_dispatch_acts_on_the_waits_it_read_still_gets_the_event()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var waiter = await RaceAsync(root, "c-race-read-first");

        Assert.Equal("completed", (await Eventually.ReadAsync(waiter.Describe, s => s!.Status == "completed"))!.Status);
    }

    /// <summary>
    /// Dispatches an event for <paramref name="commitmentId"/>, holds the dispatch's read of the waiting instances,
    /// starts a waiter for it meanwhile (which must still be waiting when it started), then lets the dispatch end.
    /// </summary>
    private async Task<IWorkflowInstanceGrain> RaceAsync(TenantPath root, string commitmentId)
    {
        var triggers = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<WorkflowTriggers>();
        var held = fixture.StateStorage.HoldNextMembersRead(WorkflowWaitIndexGrain.KeyFor(root, "ReviewRequested"));
        var dispatch = triggers.DispatchAsync(root, "ReviewRequested", new JsonObject { ["commitmentId"] = commitmentId }, commitmentId, "e-" + commitmentId);
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(15));

        var waiter = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--" + commitmentId));
        var started = await waiter.Start("waiter", $$"""{"commitmentId":"{{commitmentId}}"}""");
        // Nothing kept yet and the dispatch acting on what it read before: the race is on.
        Assert.Equal("waiting", started.Status);
        held.Release();
        await dispatch;
        return waiter;
    }

    /// <summary>
    /// The silo saw the waiter open its wait, so the dispatch gives it the event without reading the index first; the
    /// instance the hints miss (as if it had opened its uncorrelated wait on another silo) takes the event from the
    /// read in the keep's transaction, which looks in every entry the event may resume waits in.
    /// </summary>
    [Fact]
    public async Task An_event_goes_at_once_to_the_instances_the_silo_saw_open_their_waits_and_the_read_after_keeping_finds_the_others()
    {
        var (root, _) = await fixture.NewRootAsync();
        var silo = fixture.Cluster.Silos[0].ServiceProvider;
        var (triggers, hints) = (silo.GetRequiredService<WorkflowTriggers>(), silo.GetRequiredService<WaitMembersHints>());
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var waiter = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--c-hint"));
        var anyReview = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "any-review--1"));
        await waiter.Start("waiter", """{"commitmentId":"c-hint"}""");
        await anyReview.Start("any-review", "{}");
        var valueEntry = WorkflowWaitIndexGrain.KeyFor(root, "ReviewRequested", "commitmentId", "c-hint");
        var nameEntry = WorkflowWaitIndexGrain.KeyFor(root, "ReviewRequested");
        Assert.Equal([waiter.GetPrimaryKeyString()], hints.InstancesIn([valueEntry]));
        hints.Moved(anyReview.GetPrimaryKeyString(), [], [nameEntry]);
        var readsBefore = fixture.StateStorage.MembersReadsOf(valueEntry);

        await triggers.DispatchAsync(root, "ReviewRequested", new JsonObject { ["commitmentId"] = "c-hint" }, "c-hint", "e-hint");

        Assert.Equal("completed", (await waiter.Describe())!.Status);
        Assert.Equal("completed", (await anyReview.Describe())!.Status);
        // Read once, after keeping: not before.
        Assert.Equal(readsBefore + 1, fixture.StateStorage.MembersReadsOf(valueEntry));
        Assert.Null(hints.InstancesIn([valueEntry]));
    }

    /// <summary>An instance hinted that no longer waits there is given the event and leaves it; the one waiting takes it.</summary>
    [Fact]
    public async Task An_instance_hinted_in_an_entry_it_no_longer_waits_in_takes_nothing_and_the_instance_waiting_there_does()
    {
        var (root, _) = await fixture.NewRootAsync();
        var silo = fixture.Cluster.Silos[0].ServiceProvider;
        var (triggers, hints) = (silo.GetRequiredService<WorkflowTriggers>(), silo.GetRequiredService<WaitMembersHints>());
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var stale = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--c-elsewhere"));
        var waiting = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "waiter--c-stale"));
        await stale.Start("waiter", """{"commitmentId":"c-elsewhere"}""");
        await waiting.Start("waiter", """{"commitmentId":"c-stale"}""");
        var entry = WorkflowWaitIndexGrain.KeyFor(root, "ReviewRequested", "commitmentId", "c-stale");
        hints.Moved(waiting.GetPrimaryKeyString(), [], [entry]);
        hints.Moved(stale.GetPrimaryKeyString(), [entry], []);

        await triggers.DispatchAsync(root, "ReviewRequested", new JsonObject { ["commitmentId"] = "c-stale" }, "c-stale", "e-stale");

        Assert.Equal("waiting", (await stale.Describe())!.Status);
        Assert.Equal("completed", (await waiting.Describe())!.Status);
    }

    [Fact]
    public async Task Events_dispatched_together_reach_each_instance_in_one_call_in_order_and_are_kept_for_later_waits()
    {
        var (root, _) = await fixture.NewRootAsync();
        var triggers = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<WorkflowTriggers>();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        List<IWorkflowInstanceGrain> counters = [Grain("counter--1"), Grain("counter--2")];
        foreach (var counter in counters)
        {
            await counter.Start("counter", "{}");
        }
        var waiterA = Grain("waiter--c-a");
        await waiterA.Start("waiter", """{"commitmentId":"c-a"}""");
        var writesBefore = counters.Select(Writes).ToList();

        await triggers.DispatchManyAsync(root,
        [
            Event("Ping", "p-1"), Event("ReviewRequested", "e-a", "c-a"), Event("Ping", "p-2"),
            Event("ReviewRequested", "e-b", "c-b"), Event("Ping", "p-3"), Event("Ping", "p-2"),
        ]);

        // Each counter took the three pings (the repeated one once) in one call and one write.
        Assert.Equal([3, 3], counters.Select(Pings));
        Assert.Equal(writesBefore.Select(w => w + 1), counters.Select(Writes));
        Assert.Equal("completed", (await waiterA.Describe())!.Status);
        // The event no wait took yet was kept for its value's entry: a waiter that starts later takes it.
        var waiterB = Grain("waiter--c-b");
        await waiterB.Start("waiter", """{"commitmentId":"c-b"}""");
        Assert.Equal("completed", (await Eventually.ReadAsync(waiterB.Describe, s => s!.Status == "completed"))!.Status);

        static DispatchedEvent Event(string name, string id, string? commitmentId = null) =>
            DispatchedEvent.InThisCall(name, commitmentId is null ? [] : new JsonObject { ["commitmentId"] = commitmentId }, commitmentId ?? id, id);
        IWorkflowInstanceGrain Grain(string id) => fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, id));
        int Writes(IWorkflowInstanceGrain grain) => fixture.StateStorage.StoredVersion(WorkflowInstanceGrain.Stored.StateName, grain.GetGrainId());
        int Pings(IWorkflowInstanceGrain grain) => JsonNode.Parse(fixture.StateStorage.StoredJson(WorkflowInstanceGrain.Stored.StateName, grain.GetGrainId())!)!
            ["instance"]!["variables"]!["pings"]!.GetValue<int>();
    }

    [Fact]
    public async Task A_foreign_tenant_cannot_read_the_index()
    {
        var (root, _) = await fixture.NewRootAsync();
        var (foreign, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(foreign, TenantRole.Coordinator, "k"));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() =>
            fixture.Grains.GetGrain<IWorkflowWaitIndexGrain>(WorkflowWaitIndexGrain.KeyFor(root, "ReviewRequested")).Lookup());
    }
}
