using Network.Domain.ApiKeys;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Domain.Tests.Support;

namespace Network.Domain.Tests.ApiKeys;

/// <summary>
/// The web app keeps only the SHA-256 of the key a session signed in with and asks again with it before each call:
/// the hash finds the caller and the key's label while the key is active, and nothing once it is revoked.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ApiKeyHashAuthenticationTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_key_hash_gives_the_caller_and_the_label_until_the_key_is_revoked()
    {
        var (root, _) = await fixture.NewRootAsync();
        var tenant = Grains.GetGrain<ITenantGrain>(root.Value);
        var coordinator = TenantCaller.ForKey(root, TenantRole.Coordinator, "k");
        IssuedApiKey issued;
        using (TenantCallContext.Enter(coordinator))
        {
            issued = await tenant.IssueKey(TenantRole.Member, "partner desk");
        }
        var authenticator = new ApiKeyAuthenticator(Grains);

        var found = await authenticator.AuthenticateHashAsync(ApiKeySecrets.Hash(issued.Secret));

        Assert.Equal(TenantCaller.ForKey(root, TenantRole.Member, issued.Info.Id), found!.Caller);
        Assert.Equal("partner desk", found.Label);
        Assert.Null(await authenticator.AuthenticateHashAsync(ApiKeySecrets.Hash(issued.Secret + "x")));
        Assert.Null(await authenticator.AuthenticateHashAsync(""));

        using (TenantCallContext.Enter(coordinator))
        {
            await tenant.RevokeKey(issued.Info.Id);
        }
        Assert.Null(await authenticator.AuthenticateHashAsync(ApiKeySecrets.Hash(issued.Secret)));
    }

    [Fact]
    public async Task Only_the_engine_may_read_a_key_record_by_its_hash()
    {
        var (root, key) = await fixture.NewRootAsync();
        var tenant = Grains.GetGrain<ITenantGrain>(root.Value);
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Coordinator, "k"));

        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => tenant.VerifyKeyInfo("any", ApiKeySecrets.Hash(key)));
    }
}
