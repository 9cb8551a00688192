using System.Text.Json.Nodes;
using Network.Contracts.Workflows;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Services;

/// <summary>Simulating a draft not yet published, as the web app's editor does: with the tenant's own settings of that id.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class DraftSimulationTests(InProcessHostFixture host)
{
    private static readonly DateTimeOffset Start = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonObject Inputs = new()
    {
        ["commitmentId"] = "c-1",
        ["tenantId"] = "tmp",
        ["dueAt"] = "2017-06-30T00:00:00Z",
        ["reviewAt"] = "2017-12-31T00:00:00Z",
    };

    private static string Lifecycle() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "commitment-lifecycle.yaml"));

    [Fact]
    public async Task A_draft_runs_with_the_tenants_own_setting_values_over_its_defaults_and_an_invalid_one_is_refused()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var key = await root.IssueKeyAsync(scope.Forum.Id, "coordinator");
        var coordinator = TenantCaller.ForKey(TenantPath.Parse(scope.Forum.Path), TenantRole.Coordinator, key.Id);
        var workflows = host.Service<WorkflowDefinitionService>();
        var draft = Lifecycle().Replace("stallAfter: P45D", "stallAfter: P10D", StringComparison.Ordinal);
        Assert.NotEqual(Lifecycle(), draft);
        var request = new SimulationRequest(Start, Start.AddDays(40), Inputs.DeepClone().AsObject());

        // No value of its own: the draft's new default.
        var byDefault = await InProcessHostFixture.AsAsync(coordinator, () => workflows.SimulateDraftAsync(scope.Forum.Id, draft, request));
        Assert.Equal(Start.AddDays(10), byDefault.Timeline.First(t => t.Kind == "stalled").At);

        // The tenant's own value for the published definition of that id wins over the draft's default.
        await InProcessHostFixture.AsAsync(coordinator, () => workflows.PutSettingsAsync(scope.Forum.Id, "commitment-lifecycle",
            new WorkflowSettingsRequest(new Dictionary<string, string> { ["stallAfter"] = "P30D" })));
        var withSetting = await InProcessHostFixture.AsAsync(coordinator, () => workflows.SimulateDraftAsync(scope.Forum.Id, draft, request));
        Assert.Equal(Start.AddDays(30), withSetting.Timeline.First(t => t.Kind == "stalled").At);

        // What would not publish is not simulated; the refusal names the problem's line.
        var broken = draft.Replace("then: stalled", "then: nowhere", StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() =>
            InProcessHostFixture.AsAsync(coordinator, () => workflows.SimulateDraftAsync(scope.Forum.Id, broken, request)));
        Assert.Equal("yaml", refused.Field);
        Assert.Contains("line ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", refused.Message, StringComparison.Ordinal);

        // Another tenant's key: the not-found of a tenant that does not exist.
        var other = await ForumScope.CreateAsync(root);
        var foreign = TenantCaller.ForKey(TenantPath.Parse(other.Forum.Path), TenantRole.Coordinator, "foreign");
        await Assert.ThrowsAsync<DomainNotFoundException>(() => InProcessHostFixture.AsAsync(foreign, () => workflows.SimulateDraftAsync(scope.Forum.Id, draft, request)));
    }
}
