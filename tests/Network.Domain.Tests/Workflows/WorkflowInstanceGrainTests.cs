using System.Diagnostics;
using Network.Domain.Audit;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Domain.Tests.Support;

using Network.Workflows.Runtime;

namespace Network.Domain.Tests.Workflows;

[Collection(ClusterCollection.Name)]
public sealed class WorkflowInstanceGrainTests(ClusterFixture fixture)
{
    private async Task<(TenantPath Root, IWorkflowInstanceGrain Grain)> StartedAsync(string definition, string inputs = "{}")
    {
        var (root, _) = await fixture.NewRootAsync();
        var grain = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, definition + "--" + Guid.NewGuid().ToString("N")[..8]));
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Coordinator, "k"));
        await grain.Start(definition, inputs);
        return (root, grain);
    }

    [Fact]
    public async Task A_task_is_listed_completed_once_and_the_instance_goes_on()
    {
        var (root, grain) = await StartedAsync("review", """{"commitmentId":"c-1"}""");
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Member, "k"));

        var task = Assert.Single(await grain.Tasks());
        Assert.Equal(("ask", "tenant-coordinator", "Review c-1", "open"), (task.Step, task.AssignedTo, task.Title, task.Status));

        var done = await grain.CompleteTask(task.Id, """{"status":"substantial"}""");
        Assert.Equal("completed", done.Status);
        Assert.Equal("completed", (await grain.Describe())!.Status);
        var again = await grain.CompleteTask(task.Id, """{"status":"complete"}""");
        Assert.Contains("substantial", again.ResultJson, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainNotFoundException>(() => grain.CompleteTask("no-such-task", "{}"));
    }

    [Fact]
    public async Task Journal_lines_leave_the_stored_state_for_the_journal_log_and_read_back_whole_in_order()
    {
        var (root, grain) = await StartedAsync("review", """{"commitmentId":"c-9"}""");
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Member, "k"));
        var task = Assert.Single(await grain.Tasks());
        await grain.CompleteTask(task.Id, """{"status":"substantial"}""");

        var journal = await grain.Journal();
        var key = grain.GetPrimaryKeyString();
        var logged = await fixture.StateStorage.ReadAsync(Network.Domain.Storage.StateLogs.WorkflowJournal, key, 0, 1000);
        var stored = System.Text.Json.Nodes.JsonNode.Parse(fixture.StateStorage.StoredJson(WorkflowInstanceGrain.Stored.StateName, grain.GetGrainId())!)!;

        Assert.True(journal.Count >= 4, $"expected the whole journal, got {journal.Count} lines");
        // Each write's lines share a row (JournalRows), numbered by its last line: fewer rows than lines, all of them in order.
        var lines = logged.SelectMany(r => WorkflowStateJson.DeserializeJournalLines(r.EntryJson)).ToList();
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), lines.Select(l => l.Seq));
        Assert.Equal(journal.Select(j => j.Kind), lines.Select(l => l.Kind));
        Assert.All(logged, r => Assert.Equal(r.Seq, WorkflowStateJson.DeserializeJournalLines(r.EntryJson)[^1].Seq));
        Assert.True(logged.Count < lines.Count, $"{logged.Count} rows for {lines.Count} lines");
        Assert.Empty(stored["instance"]!["journal"]!.AsArray());
        Assert.Equal(journal.Count, stored["instance"]!["journalStored"]!.GetValue<long>());
        Assert.Equal("completed", journal[^1].Kind);
    }

    [Fact]
    public async Task An_event_delivered_again_after_the_write_that_moved_its_id_to_the_applied_ids_table_changes_nothing()
    {
        var (_, grain) = await StartedAsync("counter");
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        await grain.Deliver("Ping", "{}", "ping-1");
        await grain.Deliver("Ping", "{}", "ping-2");
        var journalBefore = await grain.Journal();

        var redelivered = await grain.Deliver("Ping", "{}", "ping-1");
        var again = await grain.Journal();
        var stored = System.Text.Json.Nodes.JsonNode.Parse(fixture.StateStorage.StoredJson(WorkflowInstanceGrain.Stored.StateName, grain.GetGrainId())!)!;

        Assert.Equal(journalBefore.Count, again.Count);
        Assert.Equal(2, journalBefore.Count(j => j.Kind == "event-received"));
        Assert.Equal(2, stored["instance"]!["variables"]!["pings"]!.GetValue<int>());
        Assert.Empty(stored["instance"]!["appliedEventIds"]!.AsArray());
        Assert.True(await fixture.StateStorage.ContainsAsync(Network.Domain.Storage.StateKeySets.AppliedEventIds, grain.GetPrimaryKeyString(), "ping-1"));
        Assert.Equal("waiting", redelivered.Status);

        // The redelivery's write claimed the id and stored nothing; the instance goes on from what was stored.
        await grain.Deliver("Ping", "{}", "ping-3");
        var after = System.Text.Json.Nodes.JsonNode.Parse(fixture.StateStorage.StoredJson(WorkflowInstanceGrain.Stored.StateName, grain.GetGrainId())!)!;
        Assert.Equal(3, after["instance"]!["variables"]!["pings"]!.GetValue<int>());
        Assert.Equal(3, (await grain.Journal()).Count(j => j.Kind == "event-received"));
    }

    [Fact]
    public async Task Events_delivered_together_are_applied_in_order_in_one_write_each_with_its_trace_and_audit_line()
    {
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Network.Workflows",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(traces);
        var (_, grain) = await StartedAsync("counter");
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        await grain.Deliver("Ping", "{}", "ping-1");
        var writes = fixture.StateStorage.StoredVersion(WorkflowInstanceGrain.Stored.StateName, grain.GetGrainId());
        var journalBefore = (await grain.Journal()).Count;

        // ping-3 twice, and an event no wait takes: each changes nothing.
        var summary = await grain.DeliverMany(
            [Ping("ping-2"), Ping("ping-3"), Ping("ping-3"), new EventDelivery("Pong", "{}", "pong-1"), Ping("ping-4")]);

        Assert.Equal(writes + 1, fixture.StateStorage.StoredVersion(WorkflowInstanceGrain.Stored.StateName, grain.GetGrainId()));
        Assert.Equal("waiting", summary.Status);
        Assert.Equal(4, Pings());
        var received = (await grain.Journal()).Skip(journalBefore).Where(j => j.Kind == "event-received").ToList();
        Assert.Equal([TraceOf("ping-2"), TraceOf("ping-3"), TraceOf("ping-4")], received.Select(j => j.TraceId));
        Assert.Equal(["audit-ping-2", "audit-ping-3", "audit-ping-4"],
            fixture.StateStorage.StoredAudits(WorkflowInstanceGrain.Stored.StateName, grain.GetGrainId()).TakeLast(3).Select(a => a.Id));

        // ping-1 was applied before (its id is in the table, not the state): the write claiming all three stores
        // nothing, and the events are applied again, the table asked for each.
        await grain.DeliverMany([Ping("ping-5"), Ping("ping-1"), Ping("ping-6")]);
        Assert.Equal(6, Pings());
        Assert.Equal(6, (await grain.Journal()).Count(j => j.Kind == "event-received"));
        Assert.Equal(writes + 2, fixture.StateStorage.StoredVersion(WorkflowInstanceGrain.Stored.StateName, grain.GetGrainId()));

        int Pings() => System.Text.Json.Nodes.JsonNode.Parse(fixture.StateStorage.StoredJson(WorkflowInstanceGrain.Stored.StateName, grain.GetGrainId())!)!
            ["instance"]!["variables"]!["pings"]!.GetValue<int>();
    }

    private static EventDelivery Ping(string id) => new("Ping", "{}", id, $"00-{TraceOf(id)}-{new string('1', 16)}-01",
        new AuditEntry("audit-" + id, DateTimeOffset.UnixEpoch, null, "t", new AuditActor(), "progress.report", "commitment/c", "done", null, TraceOf(id)));

    /// <summary>A trace id of its own for each event: 32 hex digits from the id's hash.</summary>
    private static string TraceOf(string id) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)))[..32];

    [Fact]
    public async Task A_failing_step_becomes_an_incident_that_an_operator_skips()
    {
        var (root, grain) = await StartedAsync("fragile");
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Coordinator, "k"));

        var incident = Assert.Single(await grain.Incidents());
        Assert.Equal("divide", incident.Step);
        Assert.Equal("incident", (await grain.Describe())!.Status);

        var resolved = await grain.ResolveIncident(incident.Id, "skip");

        Assert.Equal("completed", resolved.Status);
        Assert.Equal("action", (await Assert.ThrowsAsync<DomainValidationException>(() => grain.ResolveIncident(incident.Id, "ignore"))).Field);
    }

    [Fact]
    public async Task Cancelling_ends_the_instance_and_its_open_tasks()
    {
        var (root, grain) = await StartedAsync("review", """{"commitmentId":"c-2"}""");
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Coordinator, "k"));

        var cancelled = await grain.Cancel("withdrawn at the forum");

        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("cancelled", Assert.Single(await grain.Tasks()).Status);
    }

    [Fact]
    public async Task A_foreign_tenant_context_is_refused()
    {
        var (_, grain) = await StartedAsync("review", """{"commitmentId":"c-3"}""");
        var (other, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(other, TenantRole.Coordinator, "k"));

        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.Describe());
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.Journal());
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.Tasks());
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.CompleteTask("t", "{}"));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.Cancel("no"));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.Start("review", "{}"));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.Deliver("Ping", "{}", "e"));
    }
}
