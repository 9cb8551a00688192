using Network.Domain.Tenancy;

namespace Network.Domain.Tests.Tenancy;

public sealed class TenantPathTests
{
    [Theory]
    [InlineData("network", "network", true)]
    [InlineData("network", "network/made", true)]
    [InlineData("network", "network/tmp/europe", true)]
    [InlineData("network/made", "network", false)]
    [InlineData("network/made", "network/made-2", false)]
    [InlineData("network/made", "network/tmp", false)]
    [InlineData("network", "networks/made", false)]
    public void Contains_means_self_or_descendant(string ancestor, string other, bool expected) =>
        Assert.Equal(expected, TenantPath.Parse(ancestor).Contains(TenantPath.Parse(other)));

    [Fact]
    public void Child_parent_and_id_agree()
    {
        var europe = TenantPath.Root("network").Child("tmp").Child("europe");
        Assert.Equal("network/tmp/europe", europe.Value);
        Assert.Equal("europe", europe.TenantId);
        Assert.Equal(TenantPath.Parse("network/tmp"), europe.Parent);
        Assert.Null(TenantPath.Root("network").Parent);
    }

    [Theory]
    [InlineData("Network")]
    [InlineData("network//made")]
    [InlineData("network/made|x")]
    [InlineData("-network")]
    public void Malformed_paths_are_refused(string value) =>
        Assert.Throws<FormatException>(() => TenantPath.Parse(value));

    [Theory]
    [InlineData("made", true)]
    [InlineData("un-together-2017", true)]
    [InlineData("a1", true)]
    [InlineData("a", false)]
    [InlineData("-made", false)]
    [InlineData("Made", false)]
    [InlineData("made_org", false)]
    [InlineData("made/tmp", false)]
    public void Tenant_ids_follow_the_pattern(string id, bool valid) =>
        Assert.Equal(valid, TenantIds.IsValid(id));

    [Fact]
    public void Ids_may_be_63_characters_but_not_64()
    {
        Assert.True(TenantIds.IsValid(new string('a', 63)));
        Assert.False(TenantIds.IsValid(new string('a', 64)));
    }

    [Fact]
    public void Scoped_keys_start_with_the_tenant_path()
    {
        var made = TenantPath.Parse("network/made");
        Assert.Equal(made, TenantScopedKey.TenantOf(TenantScopedKey.For(made, "commitment-1")));
        Assert.Equal(made, TenantScopedKey.TenantOf(TenantScopedKey.For(made)));
        Assert.Equal("commitment-1", TenantScopedKey.LocalIdOf(TenantScopedKey.For(made, "commitment-1")));
        Assert.Throws<ArgumentException>(() => TenantScopedKey.LocalIdOf(TenantScopedKey.For(made)));
    }
}
