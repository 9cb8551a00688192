using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Campaigns;
using Network.Domain.Campaigns;
using Network.Domain.Tenancy;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Services;

/// <summary>
/// The campaign service as the web app calls it (a caller entered, no HTTP): who is offered "New" and "Edit", and
/// that its list is the HTTP list.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class CampaignServiceTests(InProcessHostFixture host)
{
    private static TenantCaller Key(string path, TenantRole role) => TenantCaller.ForKey(TenantPath.Parse(path), role, "k-" + Guid.NewGuid().ToString("N")[..6]);

    [Fact]
    public async Task Only_a_coordinator_over_the_home_tenant_may_define_its_campaigns_and_out_of_reach_is_simply_no()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var other = await ForumScope.CreateAsync(root);
        var campaigns = host.Service<CampaignService>();

        Task<bool> MayAsync(TenantCaller caller, string tenant) => InProcessHostFixture.AsAsync(caller, () => campaigns.MayDefineAsync(tenant));

        Assert.True(await MayAsync(Key(scope.Forum.Path, TenantRole.Coordinator), scope.Forum.Id));
        Assert.True(await MayAsync(Key(scope.Forum.Path, TenantRole.Coordinator), scope.Tmp.Id));
        Assert.False(await MayAsync(Key(scope.Forum.Path, TenantRole.Member), scope.Forum.Id));
        // A partner's coordinator reads the forum's campaign but may not change it; a stranger learns nothing more.
        Assert.False(await MayAsync(Key(scope.Tmp.Path, TenantRole.Coordinator), scope.Forum.Id));
        Assert.False(await MayAsync(Key(other.Forum.Path, TenantRole.Coordinator), scope.Forum.Id));
        Assert.False(await MayAsync(Key(other.Forum.Path, TenantRole.Coordinator), "no-such-tenant"));
    }

    [Fact]
    public async Task The_service_lists_what_the_api_lists_for_the_same_key()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using (var put = await coordinator.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/campaigns/solidarity",
            new CampaignResource("Solidarity campaign", null, [scope.Tmp.Id], [], [])))
        {
            await Infrastructure.Api.EnsureStatusAsync(put, HttpStatusCode.OK);
        }
        var key = await root.IssueKeyAsync(scope.Tmp.Id, "member");
        using var member = host.As(key.Key);

        var overHttp = (await member.GetFromJsonAsync<CampaignPage>($"api/tenants/{scope.Tmp.Id}/campaigns"))!;
        var direct = await InProcessHostFixture.AsAsync(TenantCaller.ForKey(TenantPath.Parse(scope.Tmp.Path), TenantRole.Member, key.Id),
            () => host.Service<CampaignService>().ListAsync(scope.Tmp.Id));

        Assert.Equal(overHttp.Items, direct.Items);
        Assert.Equal("solidarity", Assert.Single(direct.Items).Id);
    }
}
