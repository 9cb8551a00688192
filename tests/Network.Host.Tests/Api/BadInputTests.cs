using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Tenants;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Api;

/// <summary>Bad input gets problem+json naming what was wrong and where, and nothing is written.</summary>
[Collection(SqliteHostCollection.Name)]
public sealed class BadInputTests(SqliteHostFixture host)
{
    [Theory]
    [InlineData("Bad_Id")]
    [InlineData("a")]
    [InlineData("-leading-dash")]
    public async Task A_malformed_tenant_id_in_the_url_is_400(string id)
    {
        using var root = host.Root();
        var problem = await Infrastructure.Api.AssertProblemAsync(
            await root.GetAsync(new Uri($"api/tenants/{id}", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.Equal(["id"], Infrastructure.Api.ErrorFields(problem));
    }

    public static TheoryData<string, string, string> BadBodies(string id) => new()
    {
        // body, what it is, the field the problem must name
        { $$"""{"id":"{{id}}","name":"X","kind":"organisation","parent":"network" """, "truncated JSON", "$" },
        { $$"""{"id":"{{id}}","name":"X","kind":"organisation","parent":"network","colour":"red"}""", "an unknown field", "$.colour" },
        { $$"""{"id":"{{id}}","kind":"organisation","parent":"network"}""", "a missing field", "$" },
        { $$"""{"id":"{{id}}","name":null,"kind":"organisation","parent":"network"}""", "a null name", "$.name" },
        { $$"""{"id":"{{id}}","name":42,"kind":"organisation","parent":"network"}""", "a number for a string", "$.name" },
        { """null""", "JSON null", "$" },
        { $$"""{"id":"{{id.ToUpperInvariant()}}","name":"X","kind":"organisation","parent":"network"}""", "an invalid id", "id" },
        { $$"""{"id":"{{id}}","name":"   ","kind":"organisation","parent":"network"}""", "a blank name", "name" },
        { $$"""{"id":"{{id}}","name":"X","kind":"club","parent":"network"}""", "an unknown kind", "kind" },
        { $$"""{"id":"{{id}}","name":"X","kind":"network","parent":"network"}""", "a second network", "kind" },
        { $$"""{"id":"{{id}}","name":"X","kind":"organisation","parent":"Not An Id"}""", "an invalid parent id", "parent" },
    };

    [Fact]
    public async Task Bad_tenant_bodies_are_400_naming_where_and_write_nothing()
    {
        using var root = host.Root();
        var id = Infrastructure.Api.UniqueId("bad");
        foreach (var (body, what, field) in BadBodies(id).Select(row => ((string)row[0], (string)row[1], (string)row[2])))
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await root.PostAsync(new Uri("api/tenants", UriKind.Relative), content);

            var problem = await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(Infrastructure.Api.ErrorFields(problem).Contains(field),
                $"{what}: expected the problem to name '{field}', got {problem}");
        }
        await AssertNotCreatedAsync(root, id);
    }

    [Fact]
    public async Task Json_errors_report_line_and_column()
    {
        using var root = host.Root();
        using var content = new StringContent("{\n  \"id\": \"x1\",\n  \"name\": ,\n}", Encoding.UTF8, "application/json");
        var problem = await Infrastructure.Api.AssertProblemAsync(
            await root.PostAsync(new Uri("api/tenants", UriKind.Relative), content), HttpStatusCode.BadRequest);
        Assert.Contains("line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_writes_nothing()
    {
        using var root = host.Root();
        var id = Infrastructure.Api.UniqueId("big");
        var body = $$"""{"id":"{{id}}","name":"{{new string('x', 2 * 1024 * 1024)}}","kind":"organisation","parent":"network"}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        await Infrastructure.Api.AssertProblemAsync(await root.PostAsync(new Uri("api/tenants", UriKind.Relative), content), HttpStatusCode.RequestEntityTooLarge);
        await AssertNotCreatedAsync(root, id);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        using var root = host.Root();
        var id = Infrastructure.Api.UniqueId("text");
        using var content = new StringContent($"id={id}&name=X", Encoding.UTF8, "application/x-www-form-urlencoded");

        var problem = await Infrastructure.Api.AssertProblemAsync(
            await root.PostAsync(new Uri("api/tenants", UriKind.Relative), content), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(["Content-Type"], Infrastructure.Api.ErrorFields(problem));
        await AssertNotCreatedAsync(root, id);
    }

    [Theory]
    [InlineData("""{"role":"admin","label":"x"}""", "role")]
    [InlineData("""{"role":"member","label":""}""", "label")]
    [InlineData("""{"role":"member"}""", "$")]
    [InlineData("""{"role":"member","label":"x","key":"chosen"}""", "$.key")]
    public async Task Bad_key_requests_are_400_and_issue_nothing(string body, string field)
    {
        using var root = host.Root();
        var made = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("made"), "MADE", "organisation", "network");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var problem = await Infrastructure.Api.AssertProblemAsync(
            await root.PostAsync(new Uri($"api/tenants/{made.Id}/keys", UriKind.Relative), content), HttpStatusCode.BadRequest);

        Assert.Contains(field, Infrastructure.Api.ErrorFields(problem));
        Assert.Empty((await root.GetFromJsonAsync<List<ApiKeySummaryResource>>($"api/tenants/{made.Id}/keys"))!);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var root = host.Root();
        await Infrastructure.Api.AssertProblemAsync(await root.GetAsync(new Uri("api/nothing-here", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    private static async Task AssertNotCreatedAsync(HttpClient root, string id)
    {
        using var read = await root.GetAsync(new Uri($"api/tenants/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var children = (await root.GetFromJsonAsync<List<TenantResource>>("api/tenants/network/children"))!;
        Assert.DoesNotContain(children, c => c.Id == id);
    }
}
