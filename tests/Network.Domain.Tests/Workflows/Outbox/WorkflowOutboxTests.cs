using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Tests.Support;
using Network.Domain.Workflows;

namespace Network.Domain.Tests.Workflows.Outbox;

/// <summary>What instances' outboxes set off: child workflows, published events, and inboxes of the tenants a role means.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkflowOutboxTests(ClusterFixture fixture)
{
    private static IDisposable As(TenantPath tenant) => TenantCallContext.Enter(TenantCaller.ForKey(tenant, TenantRole.Coordinator, "k"));

    private IWorkflowInstanceGrain Instance(TenantPath home, string id) =>
        fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(home, id));

    private ITenantInboxGrain Inbox(TenantPath tenant) => fixture.Grains.GetGrain<ITenantInboxGrain>(TenantInboxGrain.KeyFor(tenant));

    [Fact]
    public async Task A_call_starts_a_child_whose_end_resumes_the_parent_with_its_result()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = As(root);
        var parent = Instance(root, "parent--c-1");
        await parent.Start("parent", """{"commitmentId":"c-1"}""");

        // The child's task reaches the home tenant's inbox, which names the child instance.
        var inbox = await Eventually.ReadAsync(() => Inbox(root).List("task", null, 10), e => e.Count > 0);
        var entry = Assert.Single(inbox);
        Assert.StartsWith("parent--c-1--", entry.InstanceId, StringComparison.Ordinal);
        var child = Instance(root, entry.InstanceId);
        Assert.Equal("waiting", (await parent.Describe())!.Status);
        await child.CompleteTask(entry.TaskId!, """{"verdict":"on track"}""");

        var ended = await Eventually.ReadAsync(() => parent.Describe(), s => s!.Status == "completed");
        Assert.Equal("completed", ended!.Status);
        Assert.Contains(await parent.Journal(), j => j.Kind == "child-completed");
        Assert.Equal("completed", (await child.Describe())!.Status);
    }

    /// <summary>
    /// Each level of nesting adds "--" and a call id to the child's id; past 120 characters the API's id check
    /// (<see cref="LocalIds"/>) would refuse it. A parent whose id is near the limit stands for a deep call chain.
    /// </summary>
    [Fact]
    public async Task A_child_of_a_deeply_nested_instance_has_an_id_the_api_accepts_and_the_parents_journal_names_it()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = As(root);
        var parentId = "parent--" + string.Join("--", Enumerable.Range(1, 22).Select(i => $"c{i}")) + "-chain-ends";
        Assert.InRange(parentId.Length, 110, 120);
        LocalIds.EnsureValid(parentId, "id");
        var parent = Instance(root, parentId);
        await parent.Start("parent", """{"commitmentId":"c-5"}""");

        var entry = Assert.Single(await Eventually.ReadAsync(() => Inbox(root).List("task", null, 10), e => e.Count > 0));
        LocalIds.EnsureValid(entry.InstanceId, "id");
        Assert.Equal("waiting", (await Instance(root, entry.InstanceId).Describe())!.Status);
        var started = Assert.Single(await parent.Journal(), j => j.Kind == "child-started");
        Assert.Contains(entry.InstanceId, started.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_parent_cancels_its_child()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = As(root);
        var parent = Instance(root, "parent--c-2");
        await parent.Start("parent", """{"commitmentId":"c-2"}""");
        var entry = (await Eventually.ReadAsync(() => Inbox(root).List("task", null, 10), e => e.Count > 0)).Single();

        await parent.Cancel("withdrawn");

        var child = await Eventually.ReadAsync(() => Instance(root, entry.InstanceId).Describe(), s => s!.Status == "cancelled");
        Assert.Equal("cancelled", child!.Status);
    }

    [Fact]
    public async Task A_published_event_resumes_the_instance_that_waits_for_it_and_notifications_reach_their_tenants()
    {
        var (root, _) = await fixture.NewRootAsync();
        var europe = root.Child("europe");
        using var _ = As(root);
        var waiter = Instance(europe, "waiter--c-3");
        var other = Instance(europe, "waiter--c-4");
        await waiter.Start("waiter", """{"commitmentId":"c-3"}""");
        await other.Start("waiter", """{"commitmentId":"c-4"}""");

        await Instance(europe, "announcer--c-3").Start("announcer", """{"commitmentId":"c-3"}""");

        var resumed = await Eventually.ReadAsync(() => waiter.Describe(), s => s!.Status == "completed");
        Assert.Equal("completed", resumed!.Status);
        Assert.Equal("waiting", (await other.Describe())!.Status);
        var chair = await Eventually.ReadAsync(() => Inbox(root).List(null, null, 10), e => e.Count > 0);
        Assert.Equal(("notification", "Review requested for c-3", "europe"), (chair.Single().Kind, chair.Single().Message, TenantPath.Parse(chair.Single().HomeTenant).TenantId));
        var coordinator = await Eventually.ReadAsync(() => Inbox(europe).List("escalation", null, 10), e => e.Count > 0);
        Assert.Equal((2, "Still waiting on c-3"), (coordinator.Single().Level, coordinator.Single().Message));
        // Acknowledged: nothing stays in the announcer's outbox to be sent again.
        Assert.Empty(await Eventually.ReadAsync(() => Inbox(europe).List("notification", null, 10), e => e.Count == 0));
    }

    [Fact]
    public async Task A_tasks_assignees_reach_the_read_model_once_the_dispatcher_resolved_them()
    {
        var (root, _) = await fixture.NewRootAsync();
        var europe = root.Child("europe");
        using var _ = As(root);
        var key = TenantScopedKey.For(europe, "review--c-5");
        await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(key).Start("review", """{"commitmentId":"c-5"}""");

        var rows = await Eventually.ReadAsync(() => Task.FromResult(fixture.ReadModels.TaskRows(key)),
            r => r.Count == 1 && r[0].AssigneeTenants.SequenceEqual([europe.Value]));

        Assert.Equal(("tenant-coordinator", "open"), (rows.Single().AssignedTo, rows.Single().Status));
        Assert.Equal([europe.Value], rows.Single().AssigneeTenants);
    }

    [Fact]
    public async Task Receipts_and_child_starts_are_for_the_engine_only_and_inboxes_for_their_tenant()
    {
        var (root, _) = await fixture.NewRootAsync();
        var (foreign, _) = await fixture.NewRootAsync();
        using (As(root))
        {
            var grain = Instance(root, "review--c-6");
            await grain.Start("review", """{"commitmentId":"c-6"}""");
            await Assert.ThrowsAsync<RoleForbiddenException>(() => grain.Acknowledge(new WorkflowOutboxReceipt(["x"], new Dictionary<string, IReadOnlyList<string>>())));
            await Assert.ThrowsAsync<RoleForbiddenException>(() => Instance(root, "sneaky").StartChild("review", "{}", TenantScopedKey.For(root, "review--c-6"), "c1"));
        }
        using (As(foreign))
        {
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Inbox(root).List(null, null, 10));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Instance(root, "review--c-6").Describe());
        }
    }
}
