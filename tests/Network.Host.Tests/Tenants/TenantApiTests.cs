using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Tenants;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Tenants;

[Collection(SqliteHostCollection.Name)]
public sealed class TenantApiTests(SqliteHostFixture host)
{
    [Fact]
    public async Task The_root_tenant_exists_with_the_bootstrap_key()
    {
        using var root = host.Root();
        var network = await root.GetFromJsonAsync<TenantResource>("api/tenants/network");
        Assert.Equal(("network", "network", null, "network"), (network!.Id, network.Kind, network.Parent, network.Path));
    }

    [Fact]
    public async Task A_coordinator_creates_tenants_and_reads_them_back()
    {
        using var root = host.Root();
        var id = Infrastructure.Api.UniqueId("made");
        using var response = await root.PostAsJsonAsync("api/tenants",
            new CreateTenantRequest(id, "Migration and Development Civil Society Network", "organisation", "network"));

        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/tenants/{id}", response.Headers.Location?.ToString());
        var read = await root.GetFromJsonAsync<TenantResource>($"api/tenants/{id}");
        Assert.Equal(("Migration and Development Civil Society Network", "organisation", "network", $"network/{id}"),
            (read!.Name, read.Kind, read.Parent, read.Path));
        var children = await root.GetFromJsonAsync<List<TenantResource>>("api/tenants/network/children");
        Assert.Contains(children!, c => c.Id == id);
    }

    [Fact]
    public async Task A_sub_coordinator_manages_its_own_subtree()
    {
        using var root = host.Root();
        var tmp = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("tmp"), "Transnational Migrant Platform", "platform", "network");
        var tmpCoordinator = await root.IssueKeyAsync(tmp.Id, "coordinator");
        using var asTmp = host.As(tmpCoordinator.Key);

        var europe = await asTmp.CreateTenantAsync(Infrastructure.Api.UniqueId("europe"), "Europe sub-group", "platform", tmp.Id);

        Assert.Equal($"network/{tmp.Id}/{europe.Id}", europe.Path);
        var children = await asTmp.GetFromJsonAsync<List<TenantResource>>($"api/tenants/{tmp.Id}/children");
        Assert.Equal([europe.Id], children!.Select(c => c.Id));
    }

    [Fact]
    public async Task Creating_an_existing_id_is_a_conflict()
    {
        using var root = host.Root();
        var id = Infrastructure.Api.UniqueId("gcm");
        await root.CreateTenantAsync(id, "Global Coalition on Migration", "organisation", "network");

        using var again = await root.PostAsJsonAsync("api/tenants", new CreateTenantRequest(id, "GCM", "organisation", "network"));

        await Infrastructure.Api.AssertProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal("Global Coalition on Migration", (await root.GetFromJsonAsync<TenantResource>($"api/tenants/{id}"))!.Name);
    }

    [Fact]
    public async Task A_member_key_reads_its_tenant_but_may_not_create_under_it()
    {
        using var root = host.Root();
        var ici = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("ici"), "Immigrant Council of Ireland", "organisation", "network");
        var member = await root.IssueKeyAsync(ici.Id, "member");
        using var asMember = host.As(member.Key);

        Assert.Equal(ici.Id, (await asMember.GetFromJsonAsync<TenantResource>($"api/tenants/{ici.Id}"))!.Id);
        using var create = await asMember.PostAsJsonAsync("api/tenants",
            new CreateTenantRequest(Infrastructure.Api.UniqueId("sub"), "Sub", "platform", ici.Id));
        await Infrastructure.Api.AssertProblemAsync(create, HttpStatusCode.Forbidden);
        Assert.Empty((await root.GetFromJsonAsync<List<TenantResource>>($"api/tenants/{ici.Id}/children"))!);
    }

    [Fact]
    public async Task The_subtree_lists_what_the_key_reaches_depth_first_from_the_read_model()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var europe = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("europe"), "TMP Europe", "platform", scope.Tmp.Id);
        using var coordinator = host.As(scope.CoordinatorKey);

        var subtree = (await coordinator.GetFromJsonAsync<List<TenantSummaryResource>>($"api/tenants/{scope.Forum.Id}/subtree"))!;

        // Depth-first with siblings by id: TMP's child right after TMP.
        var siblings = new[] { scope.Tmp, scope.Gcm, scope.Ici }.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        var expected = new List<string> { scope.Forum.Id };
        foreach (var sibling in siblings)
        {
            expected.Add(sibling.Id);
            if (sibling == scope.Tmp)
            {
                expected.Add(europe.Id);
            }
        }
        Assert.Equal(expected, subtree.Select(t => t.Id));
        Assert.Equal(new TenantSummaryResource(europe.Id, "TMP Europe", "platform", scope.Tmp.Id, europe.Path), subtree.Single(t => t.Id == europe.Id));
        Assert.Equal(new TenantSummaryResource(scope.Forum.Id, scope.Forum.Name, "platform", "network", scope.Forum.Path), subtree[0]);

        using var member = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        Assert.Equal([scope.Tmp.Id], (await member.GetFromJsonAsync<List<TenantSummaryResource>>($"api/tenants/{scope.Tmp.Id}/subtree"))!.Select(t => t.Id));
        var other = await ForumScope.CreateAsync(root);
        using var foreign = host.As(other.CoordinatorKey);
        await Infrastructure.Api.AssertProblemAsync(
            await foreign.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/subtree", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_answers_live_and_ready()
    {
        using var anonymous = host.As("unused");
        anonymous.DefaultRequestHeaders.Authorization = null;
        using var live = await anonymous.GetAsync(new Uri("health/live", UriKind.Relative));
        using var ready = await anonymous.GetAsync(new Uri("health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"ready\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
