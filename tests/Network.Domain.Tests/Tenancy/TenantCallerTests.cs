using Network.Domain.ApiKeys;
using Network.Domain.Tenancy;

namespace Network.Domain.Tests.Tenancy;

public sealed class TenantCallerTests
{
    private static readonly TenantPath Network = TenantPath.Parse("network");
    private static readonly TenantPath Tmp = TenantPath.Parse("network/tmp");
    private static readonly TenantPath Europe = TenantPath.Parse("network/tmp/europe");

    [Fact]
    public void Coordinators_reach_their_subtree_only()
    {
        var caller = TenantCaller.ForKey(Tmp, TenantRole.Coordinator, "k");
        Assert.True(caller.CanReach(Tmp));
        Assert.True(caller.CanReach(Europe));
        Assert.False(caller.CanReach(Network));
        Assert.False(caller.CanReach(TenantPath.Parse("network/made")));
    }

    [Theory]
    [InlineData(TenantRole.Member)]
    [InlineData(TenantRole.Integration)]
    public void Members_and_integrations_reach_their_own_tenant_only(TenantRole role)
    {
        var caller = TenantCaller.ForKey(Tmp, role, "k");
        Assert.True(caller.CanReach(Tmp));
        Assert.False(caller.CanReach(Europe));
        Assert.False(caller.CanReach(Network));
    }

    [Fact]
    public void Secrets_are_random_and_only_their_hash_is_kept()
    {
        var first = ApiKeySecrets.NewSecret();
        var second = ApiKeySecrets.NewSecret();
        Assert.NotEqual(first, second);
        Assert.True(first.Length >= 40);

        var hash = ApiKeySecrets.Hash(first);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(first[4..], hash, StringComparison.Ordinal);
        Assert.True(ApiKeySecrets.HashesEqual(hash, ApiKeySecrets.Hash(first)));
        Assert.False(ApiKeySecrets.HashesEqual(hash, ApiKeySecrets.Hash(second)));
    }
}
