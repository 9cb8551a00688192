using System.Text.Json.Nodes;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;

namespace Network.Domain.Tests.Grains;

/// <summary>The index of open waits: by correlation value, so an event finds exactly its instances.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkflowWaitIndexTests(ClusterFixture fixture)
{
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
        var forFirst = await WaitIndexEntry.CandidatesAsync(fixture.Grains, root, "ReviewRequested", new JsonObject { ["commitmentId"] = "c-1" });
        var forNone = await WaitIndexEntry.CandidatesAsync(fixture.Grains, root, "ReviewRequested", new JsonObject { ["commitmentId"] = "c-9" });
        var otherEvent = await WaitIndexEntry.CandidatesAsync(fixture.Grains, root, "ProgressReported", new JsonObject { ["commitmentId"] = "c-1" });
        await fixture.Grains.GetGrain<IWorkflowInstanceGrain>(first).Deliver("ReviewRequested", """{"commitmentId":"c-1"}""", "e-1");
        var afterEnd = await WaitIndexEntry.CandidatesAsync(fixture.Grains, root, "ReviewRequested", new JsonObject { ["commitmentId"] = "c-1" });

        Assert.Empty(lookup.Uncorrelated);
        Assert.Equal(["commitmentId"], lookup.Fields);
        Assert.Equal([first], forFirst);
        Assert.Empty(forNone);
        Assert.Empty(otherEvent);
        Assert.Empty(afterEnd);
        Assert.Equal([second], await WaitIndexEntry.CandidatesAsync(fixture.Grains, root, "ReviewRequested", new JsonObject { ["commitmentId"] = "c-2" }));
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
