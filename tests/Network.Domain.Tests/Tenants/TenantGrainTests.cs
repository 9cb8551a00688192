using Network.Domain.ApiKeys;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Domain.Tests.Support;

namespace Network.Domain.Tests.Tenants;

[Collection(ClusterCollection.Name)]
public sealed class TenantGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private ITenantGrain Tenant(TenantPath path) => Grains.GetGrain<ITenantGrain>(path.Value);

    private static TenantCaller Coordinator(TenantPath path) => TenantCaller.ForKey(path, TenantRole.Coordinator, "k");

    private static string UniqueId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Root_is_created_once_with_a_generated_coordinator_key()
    {
        var (root, key) = await fixture.NewRootAsync();
        Assert.StartsWith("nwk_", key, StringComparison.Ordinal);

        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var again = await Tenant(root).EnsureRoot("Other name", "ignored");
        Assert.False(again.Created);
        Assert.Equal("Test network", (await Tenant(root).Describe())!.Name);

        var caller = await new ApiKeyAuthenticator(Grains).AuthenticateAsync(key);
        Assert.Equal(root, caller!.Tenant);
        Assert.Equal(TenantRole.Coordinator, caller.Role);
    }

    [Fact]
    public async Task Coordinator_creates_a_child_and_lists_it()
    {
        var (root, _) = await fixture.NewRootAsync();
        var id = UniqueId("made");
        using var _ = TenantCallContext.Enter(Coordinator(root));

        var child = await Tenant(root).CreateChild(new NewTenant(id, "  Migrants' Alliance  ", "organisation"));

        Assert.Equal(root.Child(id), child.Path);
        Assert.Equal("Migrants' Alliance", child.Name);
        Assert.Equal(root.TenantId, child.ParentId);
        var children = await Tenant(root).GetChildren();
        Assert.Equal([id], children.Select(c => c.Id));
        var described = (await Tenant(child.Path).Describe())!;
        Assert.Equal(child with { Aliases = null }, described with { Aliases = null });
        Assert.Empty(described.Aliases!);
    }

    [Fact]
    public async Task Creating_the_same_child_twice_is_a_conflict_and_changes_nothing()
    {
        var (root, _) = await fixture.NewRootAsync();
        var id = UniqueId("tmp");
        using var _ = TenantCallContext.Enter(Coordinator(root));
        await Tenant(root).CreateChild(new NewTenant(id, "TMP", "platform"));

        await Assert.ThrowsAsync<DomainConflictException>(() => Tenant(root).CreateChild(new NewTenant(id, "TMP", "platform")));

        Assert.Single(await Tenant(root).GetChildren());
    }

    /// <summary>
    /// A door's call sent again while the cluster changes (its first answer lost after the tenant was stored) carries
    /// the same creation id: it gets the tenant it made. Another call for the id, even with the same fields, is told
    /// the tenant exists.
    /// </summary>
    [Fact]
    public async Task The_same_creation_sent_again_gets_its_tenant_and_another_creation_of_the_id_is_a_conflict()
    {
        var (root, _) = await fixture.NewRootAsync();
        var id = UniqueId("ici");
        using var _ = TenantCallContext.Enter(Coordinator(root));
        var request = new NewTenant(id, "ICI", "organisation", CreationId: "call-1");
        var made = await Tenant(root).CreateChild(request);

        var again = await Tenant(root).CreateChild(request);

        Assert.Equal(made with { Aliases = null }, again with { Aliases = null });
        await Assert.ThrowsAsync<DomainConflictException>(() => Tenant(root).CreateChild(request with { CreationId = "call-2" }));
        await Assert.ThrowsAsync<DomainConflictException>(() => Tenant(root).CreateChild(request with { CreationId = null }));
        await Assert.ThrowsAsync<DomainConflictException>(() => Tenant(root).CreateChild(request with { Name = "Other" }));
        Assert.Single(await Tenant(root).GetChildren());
    }

    [Fact]
    public async Task An_id_taken_in_another_tree_cannot_be_reused()
    {
        var (first, _) = await fixture.NewRootAsync();
        var (second, _) = await fixture.NewRootAsync();
        var id = UniqueId("ici");
        using (TenantCallContext.Enter(Coordinator(first)))
        {
            await Tenant(first).CreateChild(new NewTenant(id, "ICI", "organisation"));
        }
        using (TenantCallContext.Enter(Coordinator(second)))
        {
            await Assert.ThrowsAsync<DomainConflictException>(() => Tenant(second).CreateChild(new NewTenant(id, "ICI", "organisation")));
            Assert.Empty(await Tenant(second).GetChildren());
        }
    }

    [Theory]
    [InlineData("Bad_Id", "organisation", "id")]
    [InlineData("x", "organisation", "id")]
    [InlineData("fine-id", "network", "kind")]
    [InlineData("fine-id", "club", "kind")]
    public async Task Invalid_children_are_refused_with_the_field_named(string id, string kind, string field)
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(Coordinator(root));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => Tenant(root).CreateChild(new NewTenant(id, "Name", kind)));

        Assert.Equal(field, error.Field);
        Assert.Empty(await Tenant(root).GetChildren());
    }

    [Fact]
    public async Task Member_keys_may_read_their_tenant_but_not_create_children_or_manage_keys()
    {
        var (root, _) = await fixture.NewRootAsync();
        var made = await CreateChildAsync(root, "made");
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(made, TenantRole.Member, "k"));

        Assert.NotNull(await Tenant(made).Describe());
        await Assert.ThrowsAsync<RoleForbiddenException>(() => Tenant(made).CreateChild(new NewTenant(UniqueId("sub"), "Sub", "platform")));
        await Assert.ThrowsAsync<RoleForbiddenException>(() => Tenant(made).IssueKey(TenantRole.Coordinator, "escalate"));
        await Assert.ThrowsAsync<RoleForbiddenException>(() => Tenant(made).ListKeys());
    }

    [Fact]
    public async Task Issued_keys_authenticate_until_revoked()
    {
        var (root, _) = await fixture.NewRootAsync();
        var made = await CreateChildAsync(root, "made");
        var authenticator = new ApiKeyAuthenticator(Grains);
        IssuedApiKey issued;
        using (TenantCallContext.Enter(Coordinator(root)))
        {
            issued = await Tenant(made).IssueKey(TenantRole.Member, "CRM sync");
        }

        var caller = await authenticator.AuthenticateAsync(issued.Secret);
        Assert.Equal((made, TenantRole.Member, issued.Info.Id), (caller!.Tenant!.Value, caller.Role, caller.KeyId));

        using (TenantCallContext.Enter(Coordinator(root)))
        {
            var listed = Assert.Single(await Tenant(made).ListKeys());
            Assert.Equal("CRM sync", listed.Label);
            var revoked = await Tenant(made).RevokeKey(issued.Info.Id);
            Assert.NotNull(revoked.RevokedAt);
        }
        Assert.Null(await authenticator.AuthenticateAsync(issued.Secret));
        Assert.Null(await authenticator.AuthenticateAsync(issued.Secret + "x"));
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_not_found()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(Coordinator(root));
        await Assert.ThrowsAsync<DomainNotFoundException>(() => Tenant(root).RevokeKey("key-000000000000"));
    }

    private async Task<TenantPath> CreateChildAsync(TenantPath parent, string prefix)
    {
        using var _ = TenantCallContext.Enter(Coordinator(parent));
        var child = await Tenant(parent).CreateChild(new NewTenant(UniqueId(prefix), prefix.ToUpperInvariant(), "organisation"));
        return child.Path;
    }
}
