using Network.Domain.Organisations;
using Network.Domain.Tenancy;
using Network.Domain.Tests.Support;

namespace Network.Domain.Tests.Storage;

/// <summary>
/// The rule every grain's write keeps (<see cref="Network.Domain.Storage.StateWrites"/>): a write that fails is not
/// acknowledged, and the change it carried is not served afterwards from memory as if it had been stored.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FailedWriteTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_grain_whose_write_failed_serves_the_next_call_from_what_is_stored()
    {
        var (root, _) = await fixture.NewRootAsync();
        var organisation = fixture.Grains.GetGrain<IOrganisationGrain>(OrganisationGrain.KeyFor(root));
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(root, TenantRole.Coordinator, "k"));
        await organisation.Update(new OrganisationProfile("Stored", null, []));

        fixture.StateStorage.RefuseNextWrite(organisation.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => organisation.Update(new OrganisationProfile("Never stored", null, [])));

        Assert.Equal("Stored", (await organisation.Describe()).Description);
        await organisation.Update(new OrganisationProfile("Stored again", null, []));
        Assert.Equal("Stored again", (await organisation.Describe()).Description);
    }
}
