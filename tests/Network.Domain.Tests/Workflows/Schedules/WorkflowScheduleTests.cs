using Network.Domain.Tenancy;
using Network.Domain.Tests.Support;
using Network.Domain.Workflows;

namespace Network.Domain.Tests.Workflows.Schedules;

/// <summary>Definitions that start on a cron schedule: one instance per occurrence, however often the reminder ticks.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkflowScheduleTests(ClusterFixture fixture)
{
    private static string Digest(int version, string startsOn) => $"""
        id: digest
        version: {version}
        title: A daily digest for the chair
        starts-on: {startsOn}
        inputs: [scheduledAt]
        steps:
          - id: tell
            notify: network-coordinator
            message: "'Digest of ' + input.scheduledAt"
        """;

    [Fact]
    public async Task Each_occurrence_starts_one_instance_and_a_version_without_schedule_stops_it()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var registry = fixture.Grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(root));
        var schedule = fixture.Grains.GetGrain<IWorkflowScheduleGrain>(WorkflowScheduleGrain.KeyFor(root, "digest"));
        await registry.Publish(Digest(1, "{ schedule: \"0 9 * * *\" }"), []);

        var armed = await schedule.Ensure();
        var early = await Instances(root, armed.NextAt!.Value);
        try
        {
            fixture.Clock.Offset = armed.NextAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);
            await schedule.ReceiveReminder("tick", default);
            await schedule.ReceiveReminder("tick", default);
        }
        finally
        {
            fixture.Clock.Offset = TimeSpan.Zero;
        }
        var after = await schedule.Ensure();
        var started = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, $"digest--{armed.NextAt.Value.UtcDateTime:yyyyMMdd}t0900"));
        await registry.Publish(Digest(2, "manual"), []);
        var stopped = await schedule.Ensure();

        Assert.Equal("0 9 * * *", armed.Cron);
        Assert.Equal((9, 0), (armed.NextAt.Value.UtcDateTime.Hour, armed.NextAt.Value.Minute));
        Assert.Null(early);
        Assert.Equal("completed", (await started.Describe())!.Status);
        Assert.Equal(armed.NextAt, after.LastStartedAt);
        Assert.Equal(armed.NextAt.Value.AddDays(1), after.NextAt);
        Assert.Single(await Eventually.ReadAsync(
            () => fixture.Grains.GetGrain<ITenantInboxGrain>(TenantInboxGrain.KeyFor(root)).List("notification", null, 10), e => e.Count > 0));
        Assert.Equal((null, null), (stopped.Cron, stopped.NextAt));
    }

    private async Task<WorkflowInstanceSummary?> Instances(TenantPath root, DateTimeOffset occurrence) =>
        await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, $"digest--{occurrence.UtcDateTime:yyyyMMdd}t0900")).Describe();

    [Fact]
    public async Task A_foreign_tenant_cannot_arm_another_tenants_schedule()
    {
        var (root, _) = await fixture.NewRootAsync();
        var (foreign, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(foreign, TenantRole.Coordinator, "k"));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() =>
            fixture.Grains.GetGrain<IWorkflowScheduleGrain>(WorkflowScheduleGrain.KeyFor(root, "digest")).Ensure());
    }
}
