using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Campaigns;
using Network.Contracts.Sessions;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Campaigns;

/// <summary>
/// GET /api/tenants/{t}/campaigns on the built host: what a coordinator, a partner and a stranger see, and how a
/// redefinition moves a campaign between partners' lists.
/// </summary>
[Collection(SqliteHostCollection.Name)]
public sealed class CampaignListApiTests(SqliteHostFixture host)
{
    private static CampaignResource Campaign(string title, DateOnly? launch, params string[] partners) =>
        new(title, launch, partners, [], []);

    private static async Task PutAsync(HttpClient client, string tenant, string id, CampaignResource campaign)
    {
        using var put = await client.PutAsJsonAsync($"api/tenants/{tenant}/campaigns/{id}", campaign);
        await Infrastructure.Api.EnsureStatusAsync(put, HttpStatusCode.OK);
    }

    private static async Task<CampaignPage> ListAsync(HttpClient client, string tenant, string query = "") =>
        (await client.GetFromJsonAsync<CampaignPage>($"api/tenants/{tenant}/campaigns{query}"))!;

    private static List<(string Home, string Id)> Keys(CampaignPage page) => page.Items.Select(i => (i.HomeTenant, i.Id)).ToList();

    [Fact]
    public async Task A_coordinator_sees_the_campaigns_of_its_subtree_with_their_counts_latest_launch_first()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var import = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        var commitments = (await import.Content.ReadFromJsonAsync<ImportResultResource>())!.CommitmentIds;
        await PutAsync(coordinator, scope.Forum.Id, "solidarity", new CampaignResource("Solidarity campaign", new DateOnly(2017, 3, 21),
            [scope.Tmp.Id, scope.Gcm.Id], [new MilestoneResource("Launch", new DateOnly(2017, 3, 21)), new MilestoneResource("Review", new DateOnly(2017, 12, 31))],
            [commitments[0], commitments[1], commitments[2]]));
        await PutAsync(coordinator, scope.Tmp.Id, "un-together", Campaign("UN Together", new DateOnly(2017, 9, 19)));
        await PutAsync(coordinator, scope.Gcm.Id, "undated", Campaign("Not launched yet", null));

        var page = await ListAsync(coordinator, scope.Forum.Id);

        Assert.Equal([(scope.Tmp.Id, "un-together"), (scope.Forum.Id, "solidarity"), (scope.Gcm.Id, "undated")], Keys(page));
        Assert.Equal((3, 0, 50), (page.Total, page.Offset, page.Limit));
        Assert.Equal(new CampaignSummaryResource("solidarity", scope.Forum.Id, "Solidarity campaign", new DateOnly(2017, 3, 21), 2, 2, 3), page.Items[1]);
        // Lower in the tree: only what concerns that tenant (its own, and those it is a partner in).
        Assert.Equal([(scope.Tmp.Id, "un-together"), (scope.Forum.Id, "solidarity")], Keys(await ListAsync(coordinator, scope.Tmp.Id)));
        // Paged on the server, the total across every page.
        var second = await ListAsync(coordinator, scope.Forum.Id, "?offset=1&limit=1");
        Assert.Equal([(scope.Forum.Id, "solidarity")], Keys(second));
        Assert.Equal(3, second.Total);
    }

    [Fact]
    public async Task A_partner_sees_the_campaigns_it_is_a_partner_in_and_no_others_and_each_one_opens()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        await PutAsync(coordinator, scope.Forum.Id, "solidarity", Campaign("Solidarity campaign", new DateOnly(2017, 3, 21), scope.Tmp.Id, scope.Gcm.Id));
        await PutAsync(coordinator, scope.Forum.Id, "gcm-only", Campaign("GCM's campaign", null, scope.Gcm.Id));
        await PutAsync(coordinator, scope.Forum.Id, "internal", Campaign("Forum only", null));
        await PutAsync(coordinator, scope.Ici.Id, "ici-own", Campaign("ICI's own", null));

        using var tmpMember = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        var page = await ListAsync(tmpMember, scope.Tmp.Id);

        var item = Assert.Single(page.Items);
        Assert.Equal((scope.Forum.Id, "solidarity", 1), (item.HomeTenant, item.Id, page.Total));
        var opened = (await tmpMember.GetFromJsonAsync<CampaignResource>($"api/tenants/{item.HomeTenant}/campaigns/{item.Id}"))!;
        Assert.Equal("Solidarity campaign", opened.Title);
    }

    [Fact]
    public async Task A_member_of_the_home_tenant_sees_its_own_campaigns_but_not_those_below_it_which_it_could_not_open()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        await PutAsync(coordinator, scope.Forum.Id, "solidarity", Campaign("Solidarity campaign", null));
        await PutAsync(coordinator, scope.Tmp.Id, "un-together", Campaign("UN Together", null));

        using var forumMember = host.As((await root.IssueKeyAsync(scope.Forum.Id, "member")).Key);

        Assert.Equal([(scope.Forum.Id, "solidarity")], Keys(await ListAsync(forumMember, scope.Forum.Id)));
        await Infrastructure.Api.AssertProblemAsync(
            await forumMember.GetAsync(new Uri($"api/tenants/{scope.Tmp.Id}/campaigns/un-together", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_foreign_key_gets_the_same_404_for_the_list_as_for_a_tenant_that_does_not_exist()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        await PutAsync(coordinator, scope.Forum.Id, "solidarity", Campaign("Solidarity campaign", null, scope.Tmp.Id));
        using var foreign = host.As(other.CoordinatorKey);

        var foreignProblem = await Infrastructure.Api.AssertProblemAsync(
            await foreign.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/campaigns", UriKind.Relative)), HttpStatusCode.NotFound);
        var missingProblem = await Infrastructure.Api.AssertProblemAsync(
            await foreign.GetAsync(new Uri("api/tenants/no-such-tenant/campaigns", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Equal(missingProblem.GetProperty("title").GetString(), foreignProblem.GetProperty("title").GetString());
        await Infrastructure.Api.AssertProblemAsync(
            await foreign.GetAsync(new Uri($"api/tenants/{scope.Tmp.Id}/campaigns", UriKind.Relative)), HttpStatusCode.NotFound);
        // And its own list does not show them either.
        Assert.Equal(0, (await ListAsync(foreign, other.Forum.Id)).Total);
    }

    [Fact]
    public async Task A_campaign_redefined_without_a_partner_leaves_that_partners_list()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        await PutAsync(coordinator, scope.Forum.Id, "solidarity", Campaign("Solidarity campaign", null, scope.Tmp.Id, scope.Gcm.Id));
        using var tmpMember = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        using var gcmMember = host.As((await root.IssueKeyAsync(scope.Gcm.Id, "member")).Key);
        Assert.Equal(1, (await ListAsync(tmpMember, scope.Tmp.Id)).Total);

        await PutAsync(coordinator, scope.Forum.Id, "solidarity", Campaign("Solidarity campaign, renewed", null, scope.Gcm.Id));

        Assert.Equal(0, (await ListAsync(tmpMember, scope.Tmp.Id)).Total);
        var kept = Assert.Single((await ListAsync(gcmMember, scope.Gcm.Id)).Items);
        Assert.Equal(("Solidarity campaign, renewed", 1), (kept.Title, kept.PartnerCount));
        await Infrastructure.Api.AssertProblemAsync(
            await tmpMember.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/campaigns/solidarity", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?offset=x", "offset")]
    public async Task Bad_paging_is_400_naming_the_parameter(string query, string field)
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);

        var problem = await Infrastructure.Api.AssertProblemAsync(
            await coordinator.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/campaigns{query}", UriKind.Relative)), HttpStatusCode.BadRequest);

        Assert.Equal([field], Infrastructure.Api.ErrorFields(problem));
    }
}
