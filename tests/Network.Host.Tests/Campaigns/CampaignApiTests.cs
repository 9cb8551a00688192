using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Campaigns;
using Network.Contracts.Sessions;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Campaigns;

[Collection(SqliteHostCollection.Name)]
public sealed class CampaignApiTests(SqliteHostFixture host)
{
    [Fact]
    public async Task A_campaign_links_partners_and_commitments_and_partners_may_read_it()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var import = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        var commitments = (await import.Content.ReadFromJsonAsync<ImportResultDocument>())!.CommitmentIds;

        var campaign = new CampaignDocument("Solidarity campaign", new DateOnly(2017, 3, 21), [scope.Tmp.Id, scope.Gcm.Id],
            [new MilestoneDocument("Launch on the international day for the elimination of racial discrimination", new DateOnly(2017, 3, 21))],
            [commitments[0]]);
        using var put = await coordinator.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/campaigns/solidarity", campaign);
        await Infrastructure.Api.EnsureStatusAsync(put, HttpStatusCode.OK);

        using var tmpMember = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        var read = (await tmpMember.GetFromJsonAsync<CampaignDocument>($"api/tenants/{scope.Forum.Id}/campaigns/solidarity"))!;
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
    public async Task Campaigns_are_404_for_a_foreign_key()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var put = await coordinator.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/campaigns/solidarity",
            new CampaignDocument("Solidarity campaign", null, [scope.Tmp.Id], [], []));
        await Infrastructure.Api.EnsureStatusAsync(put, HttpStatusCode.OK);
        using var foreign = host.As(other.CoordinatorKey);

        await Infrastructure.Api.AssertProblemAsync(
            await foreign.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/campaigns/solidarity", UriKind.Relative)), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(
            await foreign.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/campaigns/solidarity", new CampaignDocument("x", null, [], [], [])), HttpStatusCode.NotFound);
    }
}
