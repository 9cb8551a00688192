using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Domain.Tests.Support;

namespace Network.Domain.Tests.Tenancy;

/// <summary>Isolation is enforced in the silo: a grain called directly with a foreign tenant's context refuses.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantIsolationTests(ClusterFixture fixture)
{
    private ITenantGrain Tenant(TenantPath path) => fixture.Grains.GetGrain<ITenantGrain>(path.Value);

    private async Task<(TenantPath Root, TenantPath Made, TenantPath Tmp)> TwoSiblingsAsync()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Coordinator, "k"));
        var made = await Tenant(root).CreateChild(new NewTenant("made-" + Guid.NewGuid().ToString("N")[..8], "MADE", "organisation"));
        var tmp = await Tenant(root).CreateChild(new NewTenant("tmp-" + Guid.NewGuid().ToString("N")[..8], "TMP", "platform"));
        return (root, made.Path, tmp.Path);
    }

    [Theory]
    [InlineData(TenantRole.Member)]
    [InlineData(TenantRole.Coordinator)]
    [InlineData(TenantRole.Integration)]
    public async Task A_sibling_tenant_context_is_refused_whatever_its_role(TenantRole role)
    {
        var (_, made, tmp) = await TwoSiblingsAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(tmp, role, "k"));

        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Tenant(made).Describe());
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Tenant(made).IssueKey(TenantRole.Member, "sneaky"));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Tenant(made).ListKeys());
    }

    [Fact]
    public async Task A_child_context_cannot_reach_its_parent()
    {
        var (root, made, _) = await TwoSiblingsAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(made, TenantRole.Coordinator, "k"));

        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Tenant(root).Describe());
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Tenant(root).GetChildren());
    }

    [Fact]
    public async Task A_call_without_any_caller_context_is_refused()
    {
        var (root, _, _) = await TwoSiblingsAsync();
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Tenant(root).Describe());
    }

    [Fact]
    public async Task Key_verification_is_for_the_engine_only()
    {
        var (root, _, _) = await TwoSiblingsAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Coordinator, "k"));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => Tenant(root).VerifyKey("k", "hash"));
    }

    [Fact]
    public async Task Coordinators_reach_descendants_and_members_their_own_tenant()
    {
        var (root, made, _) = await TwoSiblingsAsync();
        using (TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Coordinator, "k")))
        {
            Assert.NotNull(await Tenant(made).Describe());
        }
        using (TenantCallContext.Enter(TenantCaller.ForKey(made, TenantRole.Member, "k")))
        {
            Assert.NotNull(await Tenant(made).Describe());
        }
    }
}
