using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Domain.Tests.Support;

namespace Network.Domain.Tests.Workflows;

/// <summary>An instance grain moving to a newer published version: refused without a mapping for its step, kept in place with one.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkflowMigrationGrainTests(ClusterFixture fixture)
{
    private const string Version2 = """
        id: review
        version: 2
        title: Review, version 2
        starts-on: manual
        inputs: [commitmentId]
        steps:
          - id: ask
            task: tenant-coordinator
            title: "'Review ' + input.commitmentId"
            then: done
          - id: done
            end:
        """;

    // The task step is renamed, and a thank-you follows it.
    private const string Version3 = """
        id: review
        version: 3
        title: Review, version 3
        starts-on: manual
        inputs: [commitmentId]
        steps:
          - id: ask-for-review
            task: tenant-coordinator
            title: "'Review ' + input.commitmentId"
            then: thank
          - id: thank
            notify: owners
            message: "'Thank you'"
            then: done
          - id: done
            end:
        """;

    [Fact]
    public async Task A_waiting_instance_moves_to_the_new_version_only_with_a_mapping_for_its_renamed_step()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Coordinator, "k"));
        var registry = fixture.Grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(root));
        await registry.Publish(Version2, []);
        var grain = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "review--c-1"));
        await grain.Start("review", """{"commitmentId":"c-1"}""");
        await registry.Publish(Version3, []);

        var refused = await grain.Migrate(3, new Dictionary<string, string>(), dryRun: false);
        var unknown = await grain.Migrate(7, new Dictionary<string, string>(), dryRun: false);
        var dryRun = await grain.Migrate(3, new Dictionary<string, string> { ["ask"] = "ask-for-review" }, dryRun: true);
        var stillOld = (await grain.Describe())!;
        var moved = await grain.Migrate(3, new Dictionary<string, string> { ["ask"] = "ask-for-review" }, dryRun: false);
        var task = Assert.Single(await grain.Tasks());
        await grain.CompleteTask(task.Id, "{}");

        Assert.Equal(("unmapped-step", "ask"), (Assert.Single(refused.Problems).Code, refused.Problems[0].Step));
        Assert.False(refused.Migrated);
        Assert.Equal("unknown-version", Assert.Single(unknown.Problems).Code);
        Assert.Equal((false, 3), (dryRun.Migrated, dryRun.Instance.DefinitionVersion));
        Assert.Equal(2, stillOld.DefinitionVersion);
        Assert.True(moved.Migrated);
        Assert.Equal(3, moved.Instance.DefinitionVersion);
        Assert.Equal(["ask-for-review"], moved.Instance.WaitingAt);
        Assert.Equal("ask-for-review", task.Step);
        var journal = await grain.Journal();
        Assert.Contains(journal, j => j.Kind == "migrated");
        Assert.Contains(journal, j => j.Step == "thank");
        Assert.Equal(("completed", 3), ((await grain.Describe())!.Status, fixture.ReadModels.InstanceRow(TenantScopedKey.For(root, "review--c-1"))!.DefinitionVersion));
    }
}
