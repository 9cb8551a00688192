using Network.Domain.Commitments;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Domain.Tests.Support;
using Network.Domain.Workflows;

namespace Network.Domain.Tests.Workflows;

/// <summary>
/// What an instance grain writes to the read model: its row after each change, and its tasks with the tenants their
/// role meant (the commitment's owners, the chair, resolved by the outbox dispatcher), so those tenants' task lists
/// show them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkflowInstanceRowsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_instance_writes_its_row_and_its_tasks_with_the_tenants_their_role_meant()
    {
        var (root, _) = await fixture.NewRootAsync();
        TenantPath home, owner, bystander;
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            async Task<TenantPath> Child(TenantPath parent, string prefix) =>
                (await fixture.Grains.GetGrain<ITenantGrain>(parent.Value)
                    .CreateChild(new NewTenant($"{prefix}-{Guid.NewGuid().ToString("N")[..8]}", prefix.ToUpperInvariant(), "organisation"))).Path;
            home = await Child(root, "forum");
            owner = await Child(home, "tmp");
            bystander = await Child(home, "ici");
        }
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(home, TenantRole.Coordinator, "k"));
        var commitmentId = "c-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Grains.GetGrain<ICommitmentGrain>(TenantScopedKey.For(home, commitmentId)).Import(new CommitmentDraft(
            commitmentId, "gfmd-2016-c", "Creating welcoming societies", 1, "GFMD Germany, June 2017", 1,
            "A campaign to generate solidarity", "TMP", new DateOnly(2017, 6, 30), [],
            [new CommitmentOwner("TMP", owner.Value), new CommitmentOwner("Groups that attended the PGA", null)],
            [], null, null, null, CommitmentStatuses.NotStarted));

        var key = TenantScopedKey.For(home, "owners-review--" + commitmentId);
        var grain = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(key);
        await grain.Start("owners-review", $$"""{"commitmentId":"{{commitmentId}}"}""");

        // The row is written with the task at once; the tenants its role means follow once the outbox resolved them.
        var ask = Assert.Single(await Eventually.ReadAsync(
            () => Task.FromResult(fixture.ReadModels.TaskRows(key)), rows => rows.Count == 1 && rows[0].AssigneeTenants.SequenceEqual([owner.Value])));
        Assert.Equal(("ask-owners", "owners", "open", $"Report on {commitmentId}"), (ask.StepId, ask.AssignedTo, ask.Status, ask.Title));
        // Only the resolved owner: the unresolved one names no tenant.
        Assert.Equal([owner.Value], ask.AssigneeTenants);
        var started = fixture.ReadModels.InstanceRow(key);
        Assert.NotNull(started);
        Assert.Equal((home.Value, "owners-review", "waiting", 1, 0), (started.HomeTenant, started.DefinitionId, started.Status, started.OpenTasks, started.OpenIncidents));
        Assert.Equal(started.StateVersion, ask.StateVersion);
        Assert.Equal([ask.TaskId], (await fixture.ReadModels.QueryTasksAsync(new WorkflowTaskListQuery(owner.Value))).Items.Select(t => t.TaskId));
        Assert.Empty((await fixture.ReadModels.QueryTasksAsync(new WorkflowTaskListQuery(bystander.Value))).Items);
        Assert.Empty((await fixture.ReadModels.QueryInstancesAsync(new WorkflowInstanceListQuery(owner.Value))).Items);

        await grain.CompleteTask(ask.TaskId, """{"status":"limited"}""");

        var tasks = await Eventually.ReadAsync(
            () => Task.FromResult(fixture.ReadModels.TaskRows(key)), rows => rows.Count == 2 && rows[1].AssigneeTenants.SequenceEqual([root.Value]));
        var moved = fixture.ReadModels.InstanceRow(key)!;
        Assert.True(moved.StateVersion > started.StateVersion);
        Assert.Equal([("ask-owners", "completed"), ("confirm", "open")], tasks.Select(t => (t.StepId, t.Status)));
        Assert.Equal([owner.Value], tasks[0].AssigneeTenants);
        // The chair: the root of the home tenant's tree.
        Assert.Equal([root.Value], tasks[1].AssigneeTenants);
        Assert.Equal(1, moved.OpenTasks);
        Assert.Empty((await fixture.ReadModels.QueryTasksAsync(new WorkflowTaskListQuery(owner.Value))).Items);
        Assert.Equal(["confirm"], (await fixture.ReadModels.QueryTasksAsync(new WorkflowTaskListQuery(root.Value))).Items.Select(t => t.StepId));
    }
}
