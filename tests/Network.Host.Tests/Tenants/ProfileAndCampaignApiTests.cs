using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Campaigns;
using Network.Contracts.Organisations;
using Network.Contracts.Sessions;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Tenants;

[Collection(SqliteHostCollection.Name)]
public sealed class ProfileAndCampaignApiTests(SqliteHostFixture host)
{
    [Fact]
    public async Task A_coordinator_sets_a_profile_and_its_aliases_resolve_names_in_reports()
    {
        using var root = host.Root();
        var forum = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("forum"), "Forum", "platform", "network");
        var pga = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("pga"), "People's Global Action", "organisation", forum.Id);

        using var put = await root.PutAsJsonAsync($"api/tenants/{pga.Id}/profile", new OrganisationProfileResource(
            "Civil society space at the GFMD", "https://example.org/pga",
            [new ContactPersonResource("Jill Belisario", "focal point", "jill@example.org")],
            ["Groups that attended the PGA"]));
        await Infrastructure.Api.EnsureStatusAsync(put, HttpStatusCode.OK);

        using var member = host.As((await root.IssueKeyAsync(pga.Id, "member")).Key);
        var read = (await member.GetFromJsonAsync<OrganisationProfileResource>($"api/tenants/{pga.Id}/profile"))!;
        Assert.Equal(("Jill Belisario", "focal point"), (read.Contacts[0].Name, read.Contacts[0].Role));
        Assert.Equal(["Groups that attended the PGA"], read.Aliases!);

        using var dry = await root.PostAsync(new Uri($"api/tenants/{forum.Id}/sessions:import?dryRun=true", UriKind.Relative),
            ForumScope.Text(SampleReports.GfmdSessionC));
        var result = (await dry.Content.ReadFromJsonAsync<ImportResultResource>())!;
        Assert.Contains(result.Session.Periods[0].Commitments[0].Owners, o => o.Tenant == pga.Id);

        using var asMember = await member.PutAsJsonAsync($"api/tenants/{pga.Id}/profile", new OrganisationProfileResource(null, null, []));
        await Infrastructure.Api.AssertProblemAsync(asMember, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"description":null,"website":"not a link","contacts":[]}""", "website")]
    [InlineData("""{"description":null,"website":null,"contacts":[{"name":" "}]}""", "contacts[0].name")]
    [InlineData("""{"description":null,"website":null,"contacts":[{"name":"A","email":"nope"}]}""", "contacts[0].email")]
    [InlineData("""{"description":null,"website":null,"contacts":[],"aliases":[""]}""", "aliases[0]")]
    public async Task A_bad_profile_is_400_and_changes_nothing(string body, string field)
    {
        using var root = host.Root();
        var org = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("org"), "Org", "organisation", "network");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var problem = await Infrastructure.Api.AssertProblemAsync(
            await root.PutAsync(new Uri($"api/tenants/{org.Id}/profile", UriKind.Relative), content), HttpStatusCode.BadRequest);

        Assert.Equal([field], Infrastructure.Api.ErrorFields(problem));
        var read = (await root.GetFromJsonAsync<OrganisationProfileResource>($"api/tenants/{org.Id}/profile"))!;
        Assert.Empty(read.Contacts);
        Assert.Empty(read.Aliases!);
    }

    [Fact]
    public async Task A_campaign_links_partners_and_commitments_and_partners_may_read_it()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var import = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        var commitments = (await import.Content.ReadFromJsonAsync<ImportResultResource>())!.CommitmentIds;

        var campaign = new CampaignResource("Solidarity campaign", new DateOnly(2017, 3, 21), [scope.Tmp.Id, scope.Gcm.Id],
            [new MilestoneResource("Launch on the international day for the elimination of racial discrimination", new DateOnly(2017, 3, 21))],
            [commitments[0]]);
        using var put = await coordinator.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/campaigns/solidarity", campaign);
        await Infrastructure.Api.EnsureStatusAsync(put, HttpStatusCode.OK);

        using var tmpMember = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        var read = (await tmpMember.GetFromJsonAsync<CampaignResource>($"api/tenants/{scope.Forum.Id}/campaigns/solidarity"))!;
        Assert.Equal(("solidarity", "Solidarity campaign", new DateOnly(2017, 3, 21)), (read.Id, read.Title, read.LaunchOn));
        Assert.Equal([scope.Tmp.Id, scope.Gcm.Id], read.Partners);
        Assert.Equal([commitments[0]], read.Commitments);

        using var iciMember = host.As((await root.IssueKeyAsync(scope.Ici.Id, "member")).Key);
        await Infrastructure.Api.AssertProblemAsync(
            await iciMember.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/campaigns/solidarity", UriKind.Relative)), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(
            await iciMember.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/campaigns/nothing-here", UriKind.Relative)), HttpStatusCode.NotFound);
        using var asPartner = await tmpMember.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/campaigns/solidarity", campaign with { Title = "Hijacked" });
        await Infrastructure.Api.AssertProblemAsync(asPartner, HttpStatusCode.NotFound);

        using var unknown = await coordinator.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/campaigns/other", campaign with { Commitments = ["no-such-commitment"] });
        Assert.Equal(["commitments[0]"], Infrastructure.Api.ErrorFields(await Infrastructure.Api.AssertProblemAsync(unknown, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task Profiles_and_campaigns_are_404_for_a_foreign_key()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var put = await coordinator.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/campaigns/solidarity",
            new CampaignResource("Solidarity campaign", null, [scope.Tmp.Id], [], []));
        await Infrastructure.Api.EnsureStatusAsync(put, HttpStatusCode.OK);
        using var foreign = host.As(other.CoordinatorKey);

        await Infrastructure.Api.AssertProblemAsync(await foreign.GetAsync(new Uri($"api/tenants/{scope.Tmp.Id}/profile", UriKind.Relative)), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(
            await foreign.PutAsJsonAsync($"api/tenants/{scope.Tmp.Id}/profile", new OrganisationProfileResource(null, null, [])), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(
            await foreign.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/campaigns/solidarity", UriKind.Relative)), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(
            await foreign.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/campaigns/solidarity", new CampaignResource("x", null, [], [], [])), HttpStatusCode.NotFound);
    }
}
