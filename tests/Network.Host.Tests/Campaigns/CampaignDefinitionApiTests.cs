using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Network.Contracts.Campaigns;
using Network.Contracts.Sessions;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Campaigns;

/// <summary>PUT /api/tenants/{t}/campaigns/{id}: what a definition must hold, and that a refused one changes nothing.</summary>
[Collection(SqliteHostCollection.Name)]
public sealed class CampaignDefinitionApiTests(SqliteHostFixture host)
{
    private static readonly string LongTitle = new('t', 201);

    /// <summary>A body with every property (the API requires them all), the given ones in place of the defaults.</summary>
    private static StringContent Body(string properties)
    {
        var json = JsonNode.Parse("{" + properties + "}")!.AsObject();
        var full = new JsonObject { ["title"] = "", ["launchOn"] = null, ["partners"] = new JsonArray(), ["milestones"] = new JsonArray(), ["commitments"] = new JsonArray() };
        foreach (var (name, value) in json.ToList())
        {
            json.Remove(name);
            full[name] = value;
        }
        return new StringContent(full.ToJsonString(), Encoding.UTF8, "application/json");
    }

    [Theory]
    [InlineData(""" "title":" " """, "title")]
    [InlineData(""" "title":"LONG" """, "title")]
    [InlineData(""" "title":"Renewed","milestones":[{"title":"Launch","dueOn":"2017-03-21"},{"title":" ","dueOn":"2017-06-30"}] """, "milestones[1].title")]
    [InlineData(""" "title":"Renewed","milestones":[{"title":"Launch","dueOn":"0001-01-01"}] """, "milestones[0].dueOn")]
    [InlineData(""" "title":"Renewed","partners":["no-such-tenant"] """, "partners[0]")]
    [InlineData(""" "title":"Renewed","commitments":["no-such-commitment"] """, "commitments[0]")]
    public async Task A_bad_definition_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var uri = $"api/tenants/{scope.Forum.Id}/campaigns/solidarity";
        var stored = new CampaignResource("Solidarity campaign", new DateOnly(2017, 3, 21), [scope.Tmp.Id],
            [new MilestoneResource("Launch", new DateOnly(2017, 3, 21))], []);
        using (var put = await coordinator.PutAsJsonAsync(uri, stored))
        {
            await Infrastructure.Api.EnsureStatusAsync(put, HttpStatusCode.OK);
        }

        using var content = Body(body.Replace("LONG", LongTitle, StringComparison.Ordinal));
        var problem = await Infrastructure.Api.AssertProblemAsync(
            await coordinator.PutAsync(new Uri(uri, UriKind.Relative), content), HttpStatusCode.BadRequest);

        Assert.Equal([field], Infrastructure.Api.ErrorFields(problem));
        var read = (await coordinator.GetFromJsonAsync<CampaignResource>(uri))!;
        Assert.Equal(("Solidarity campaign", new DateOnly(2017, 3, 21)), (read.Title, read.LaunchOn));
        Assert.Equal([scope.Tmp.Id], read.Partners);
        Assert.Equal(["Launch"], read.Milestones.Select(m => m.Title));
        var listed = Assert.Single((await coordinator.GetFromJsonAsync<CampaignPage>($"api/tenants/{scope.Forum.Id}/campaigns"))!.Items);
        Assert.Equal(("Solidarity campaign", 1, 1), (listed.Title, listed.PartnerCount, listed.MilestoneCount));
    }

    [Fact]
    public async Task Titles_are_trimmed()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var content = Body(""" "title":"  Solidarity campaign ","milestones":[{"title":" Launch ","dueOn":"2017-03-21"}] """);

        using var put = await coordinator.PutAsync(new Uri($"api/tenants/{scope.Forum.Id}/campaigns/solidarity", UriKind.Relative), content);

        await Infrastructure.Api.EnsureStatusAsync(put, HttpStatusCode.OK);
        var read = (await put.Content.ReadFromJsonAsync<CampaignResource>())!;
        Assert.Equal(("Solidarity campaign", "Launch"), (read.Title, read.Milestones.Single().Title));
    }
}
