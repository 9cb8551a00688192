using Microsoft.Extensions.DependencyInjection;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Domain.Tests.Support;

namespace Network.Domain.Tests.Workflows.Registry;

/// <summary>Definitions published per tenant: immutable versions, a child's override, settings down the tree, and instances staying on their version.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkflowRegistryTests(ClusterFixture fixture)
{
    private static string Review(int version, string title, string assignee = "tenant-coordinator") => $"""
        id: review
        version: {version}
        title: {title}
        starts-on: manual
        inputs: [commitmentId]
        settings:
          cadence: P30D
        steps:
          - id: ask
            task: {assignee}
            title: "'Review ' + input.commitmentId"
            then: done
          - id: done
            end:
        """;

    private IWorkflowRegistryGrain Registry(TenantPath tenant) => fixture.Grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(tenant));

    private static IDisposable As(TenantPath tenant) => TenantCallContext.Enter(TenantCaller.ForKey(tenant, TenantRole.Coordinator, "k"));

    private WorkflowDefinitionResolver Resolver() =>
        new(fixture.Grains, new Support.TestWorkflowDefinitions());

    [Fact]
    public async Task A_published_version_never_changes_and_a_new_one_must_be_greater()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = As(root);

        var first = await Registry(root).Publish(Review(2, "Review v2"), []);
        var again = await Registry(root).Publish(Review(2, "Review v2"), []);
        var changed = await Assert.ThrowsAsync<DomainConflictException>(() => Registry(root).Publish(Review(2, "Review, reworded"), []));
        var older = await Assert.ThrowsAsync<DomainConflictException>(() => Registry(root).Publish(Review(1, "Review v1"), []));

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Contains("version 3", changed.Message, StringComparison.Ordinal);
        Assert.Contains("up to version 2", older.Message, StringComparison.Ordinal);
        Assert.Single((await Registry(root).Catalog()).Versions);
    }

    [Fact]
    public async Task An_invalid_definition_is_refused_with_its_line_and_nothing_is_stored()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = As(root);

        var refused = await Assert.ThrowsAsync<DomainValidationException>(() =>
            Registry(root).Publish(Review(2, "Broken").Replace("then: done", "then: nowhere", StringComparison.Ordinal), []));
        var unknownCall = await Assert.ThrowsAsync<DomainValidationException>(() => Registry(root).Publish("""
            id: caller
            version: 1
            title: Calls what does not exist
            starts-on: manual
            steps:
              - id: child
                call: no-such-workflow
            """, ["review"]));

        Assert.Contains("line 13", refused.Message, StringComparison.Ordinal);
        Assert.Contains("dangling-transition", refused.Message, StringComparison.Ordinal);
        Assert.Contains("unknown-workflow", unknownCall.Message, StringComparison.Ordinal);
        Assert.Empty((await Registry(root).Catalog()).Versions);
    }

    [Fact]
    public async Task A_child_overrides_its_parent_for_its_subtree_and_settings_come_down_the_tree()
    {
        var (root, _) = await fixture.NewRootAsync();
        var europe = root.Child("europe");
        var partner = europe.Child("partner");
        var asia = root.Child("asia");
        using (As(root))
        {
            await Registry(root).Publish(Review(2, "Network review"), []);
            await Registry(root).SetSettings("review", new Dictionary<string, string> { ["cadence"] = "P20D" });
            await Registry(europe).Publish(Review(1, "Europe review"), []);
            await Registry(europe).SetSettings("review", new Dictionary<string, string> { ["cadence"] = "P10D" });
        }
        var resolver = Resolver();

        var forPartner = await resolver.ResolveAsync(partner, "review");
        var forAsia = await resolver.ResolveAsync(asia, "review");
        var fragile = await resolver.ResolveAsync(partner, "fragile");

        Assert.Equal(("Europe review", europe), (forPartner!.Definition.Title, forPartner.Owner));
        Assert.Equal("P10D", forPartner.EffectiveSettings()["cadence"]);
        Assert.Equal(("Network review", root), (forAsia!.Definition.Title, forAsia.Owner));
        Assert.Equal("P20D", forAsia.EffectiveSettings()["cadence"]);
        Assert.Null(fragile!.Owner);
        var versions = await resolver.VersionsAsync(partner, "review");
        Assert.Equal([(europe, 1), (root, 2), ((TenantPath?)null, 1)], versions.Select(v => (v.Owner, v.Version)));
    }

    [Fact]
    public async Task The_definitions_a_tenant_runs_follow_each_publish_and_settings_change_once_resolved()
    {
        var (root, _) = await fixture.NewRootAsync();
        var partner = root.Child("partner");
        // Inside the silo, as the dispatch of events resolves (a catalog's stamp, not the object, says it is unchanged).
        var silo = fixture.Cluster.Silos[0].SiloHost.Services;
        var resolver = new WorkflowDefinitionResolver(
            silo.GetRequiredService<IGrainFactory>(), silo.GetRequiredService<Network.Workflows.Definitions.IWorkflowDefinitions>());
        using var _ = As(root);
        await Registry(root).Publish(Review(2, "Review v2"), []);

        // Resolved once (and kept by the resolver while the catalogs' stamps are the same), then changed.
        var before = await resolver.EffectiveAsync(partner);
        var again = await resolver.EffectiveAsync(partner);
        await Registry(root).Publish(Review(3, "Review v3"), []);
        var afterPublish = await resolver.EffectiveAsync(partner);
        await Registry(partner).SetSettings("review", new Dictionary<string, string> { ["cadence"] = "P7D" });
        var afterSettings = await resolver.EffectiveAsync(partner);

        static ResolvedWorkflow ReviewIn(IReadOnlyList<ResolvedWorkflow> effective) => Assert.Single(effective, r => r.Definition.Id == "review");
        Assert.Same(before, again);
        Assert.Equal(2, ReviewIn(before).Definition.Version);
        Assert.Equal((3, "P30D"), (ReviewIn(afterPublish).Definition.Version, ReviewIn(afterPublish).EffectiveSettings()["cadence"]));
        Assert.Equal((3, "P7D"), (ReviewIn(afterSettings).Definition.Version, ReviewIn(afterSettings).EffectiveSettings()["cadence"]));
    }

    [Fact]
    public async Task A_catalogs_stamp_changes_with_each_publish_settings_change_and_wait_field_announced_and_only_then()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = As(root);
        async Task<Guid> StampAsync() => (await Registry(root).Catalog()).Stamp;

        var first = await StampAsync();
        var unchanged = await StampAsync();
        await Registry(root).Publish(Review(2, "Review v2"), []);
        var published = await StampAsync();
        await Registry(root).Publish(Review(2, "Review v2"), []);
        var republished = await StampAsync();
        await Registry(root).SetSettings("review", new Dictionary<string, string> { ["cadence"] = "P7D" });
        var settings = await StampAsync();
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            await Registry(root).WaitFieldsLearning();
        }
        var announced = await StampAsync();

        Assert.Equal(first, unchanged);
        Assert.NotEqual(first, published);
        // Publishing the same version again changes nothing, so neither does the stamp.
        Assert.Equal(published, republished);
        Assert.Equal(4, new[] { first, published, settings, announced }.Distinct().Count());
    }

    [Fact]
    public async Task A_running_instance_stays_on_its_version_when_a_new_one_is_published()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = As(root);
        await Registry(root).Publish(Review(2, "Review v2"), []);
        var grain = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "review--stays"));
        await grain.Start("review", """{"commitmentId":"c-9"}""");

        await Registry(root).Publish(Review(3, "Review v3", assignee: "network-coordinator"), []);
        var task = Assert.Single(await grain.Tasks());
        await grain.CompleteTask(task.Id, "{}");
        var later = fixture.Grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(root, "review--later"));
        var started = await later.Start("review", """{"commitmentId":"c-10"}""");

        var finished = (await grain.Describe())!;
        Assert.Equal((2, "completed"), (finished.DefinitionVersion, finished.Status));
        Assert.Equal("tenant-coordinator", task.AssignedTo);
        Assert.Equal(3, started.DefinitionVersion);
        Assert.Equal("network-coordinator", Assert.Single(await later.Tasks()).AssignedTo);
    }

    [Fact]
    public async Task A_foreign_tenant_cannot_publish_or_read_another_tenants_registry()
    {
        var (root, _) = await fixture.NewRootAsync();
        var (other, _) = await fixture.NewRootAsync();
        using var _ = As(other);

        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Registry(root).Publish(Review(2, "Hijack"), []));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Registry(root).Catalog());
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Registry(root).WaitFieldsLearning());
        using (As(root))
        {
            Assert.Empty((await Registry(root).Catalog()).Versions);
        }
    }
}
