using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Commitments;

/// <summary>Listing commitments, reading one, recording progress and changing owners, with the right keys and the wrong ones.</summary>
[Collection(SqliteHostCollection.Name)]
public sealed class CommitmentApiTests(SqliteHostFixture host)
{
    private async Task<(ForumScope Scope, ImportResultResource Import)> ImportedAsync(HttpClient root)
    {
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var response = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.Created);
        return (scope, (await response.Content.ReadFromJsonAsync<ImportResultResource>())!);
    }

    /// <summary>One character more than a search may be long.</summary>
    private const string LongSearch =
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" +
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    [Fact]
    public async Task Lists_filter_by_status_period_owner_and_due_date_and_page()
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var forum = scope.Forum.Id;

        async Task<CommitmentPage> ListAsync(string query) =>
            (await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{forum}/commitments{query}"))!;

        Assert.Equal([import.CommitmentIds[3]], (await ListAsync("?status=blocked")).Items.Select(i => i.Id));
        Assert.Equal(3, (await ListAsync("?status=not-started")).Total);
        Assert.Equal(import.CommitmentIds.Take(2), (await ListAsync("?period=1")).Items.Select(i => i.Id));
        Assert.Contains(import.CommitmentIds[0], (await ListAsync($"?owner={scope.Tmp.Id}")).Items.Select(i => i.Id));
        Assert.DoesNotContain(import.CommitmentIds[2], (await ListAsync($"?owner={scope.Tmp.Id}")).Items.Select(i => i.Id));
        Assert.Equal(2, (await ListAsync("?dueBefore=2017-07-01")).Total);
        var page = await ListAsync("?limit=1&offset=1");
        Assert.Equal((4, 1, 1), (page.Total, page.Items.Count, page.Offset));
        Assert.Equal(import.CommitmentIds[1], page.Items[0].Id);
    }

    [Fact]
    public async Task The_search_finds_text_in_the_id_or_summary_in_any_case_and_takes_wildcards_literally()
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);

        async Task<CommitmentPage> SearchAsync(string text) =>
            (await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Forum.Id}/commitments?search={Uri.EscapeDataString(text)}"))!;

        var solidarity = Assert.Single((await SearchAsync("SOLIDARITY")).Items);
        Assert.Contains("solidarity", solidarity.Summary, StringComparison.Ordinal);
        // '%' and '_' are looked for as themselves, not as LIKE's wildcards (which would match all four).
        Assert.All((await SearchAsync("%")).Items, i => Assert.Contains("%", i.Summary, StringComparison.Ordinal));
        Assert.Empty((await SearchAsync("_")).Items);
        Assert.Equal(import.CommitmentIds[2], Assert.Single((await SearchAsync(import.CommitmentIds[2])).Items).Id);
        Assert.Equal(4, (await SearchAsync("  ")).Total);
    }

    [Theory]
    [InlineData("?status=finished", "status")]
    [InlineData("?search=" + LongSearch, "search")]
    [InlineData("?period=zero", "period")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=500", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?dueBefore=June", "dueBefore")]
    [InlineData("?owner=Not_An_Id", "owner")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query, string field)
    {
        using var root = host.Root();
        var problem = await Infrastructure.Api.AssertProblemAsync(
            await root.GetAsync(new Uri($"api/tenants/network/commitments{query}", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.Equal([field], Infrastructure.Api.ErrorFields(problem));
    }

    [Fact]
    public async Task An_owner_records_progress_and_the_list_shows_it_within_a_second()
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        using var tmpMember = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        var id = import.CommitmentIds[0];

        // The owner sees the commitment from its own tenant.
        var owned = (await tmpMember.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Tmp.Id}/commitments"))!;
        Assert.Contains(id, owned.Items.Select(i => i.Id));

        using var response = await tmpMember.PostAsJsonAsync($"api/tenants/{scope.Tmp.Id}/commitments/{id}/progress",
            new ReportProgressRequest("limited", "Campaign materials drafted", "https://example.org/solidarity"));
        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.OK);
        var updated = (await response.Content.ReadFromJsonAsync<CommitmentResource>())!;
        Assert.Equal("limited", updated.Status);
        var entry = updated.History[^1];
        Assert.Equal(("progress", "limited", "Campaign materials drafted", "https://example.org/solidarity"), (entry.Kind, entry.Status, entry.Note, entry.EvidenceUrl));
        Assert.Contains(scope.Tmp.Id, entry.By, StringComparison.Ordinal);

        using var coordinator = host.As(scope.CoordinatorKey);
        var listed = (await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Forum.Id}/commitments?status=limited"))!;
        Assert.Equal([id], listed.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Progress_from_anyone_but_an_owner_or_a_coordinator_above_is_404_and_changes_nothing()
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        var other = await ForumScope.CreateAsync(root);
        var id = import.CommitmentIds[0];
        var progress = new ReportProgressRequest("complete", "not mine to say");

        // ICI owns commitment 2, not 1; a member of the home tenant owns nothing; another forum's coordinator is foreign.
        var keys = new (string Tenant, string Key)[]
        {
            (scope.Ici.Id, (await root.IssueKeyAsync(scope.Ici.Id, "member")).Key),
            (scope.Forum.Id, (await root.IssueKeyAsync(scope.Forum.Id, "member")).Key),
            (other.Forum.Id, other.CoordinatorKey),
        };
        foreach (var (tenant, key) in keys)
        {
            using var client = host.As(key);
            foreach (var through in new[] { tenant, scope.Forum.Id })
            {
                using var response = await client.PostAsJsonAsync($"api/tenants/{through}/commitments/{id}/progress", progress);
                await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.NotFound);
            }
        }

        using var coordinator = host.As(scope.CoordinatorKey);
        var commitment = (await coordinator.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{id}"))!;
        Assert.Equal("not-started", commitment.Status);
        Assert.Single(commitment.History);

        using var accepted = await coordinator.PostAsJsonAsync($"api/tenants/{scope.Forum.Id}/commitments/{id}/progress",
            new ReportProgressRequest("substantial"));
        await Infrastructure.Api.EnsureStatusAsync(accepted, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"status":"done"}""", "status")]
    [InlineData("""{"status":"limited","evidenceUrl":"not a link"}""", "evidenceUrl")]
    [InlineData("""{"status":"limited","colour":"red"}""", "$.colour")]
    [InlineData("""{"note":"no status"}""", "$")]
    public async Task Bad_progress_is_400_and_changes_nothing(string body, string field)
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var id = import.CommitmentIds[0];
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var problem = await Infrastructure.Api.AssertProblemAsync(
            await coordinator.PostAsync(new Uri($"api/tenants/{scope.Forum.Id}/commitments/{id}/progress", UriKind.Relative), content),
            HttpStatusCode.BadRequest);

        Assert.Contains(field, Infrastructure.Api.ErrorFields(problem));
        Assert.Single((await coordinator.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{id}"))!.History);
    }

    [Fact]
    public async Task A_coordinator_changes_owners_and_the_history_records_it()
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var id = import.CommitmentIds[2];

        using var response = await coordinator.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/commitments/{id}/owners",
            new AssignOwnersRequest([scope.Gcm.Id, scope.Ici.Id], "Agreed at the follow-up call"));
        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.OK);
        var updated = (await response.Content.ReadFromJsonAsync<CommitmentResource>())!;

        Assert.Equal([scope.Gcm.Id, scope.Ici.Id], updated.Owners.Select(o => o.Tenant));
        Assert.Equal("owners", updated.History[^1].Kind);
        Assert.Contains("Agreed at the follow-up call", updated.History[^1].Note, StringComparison.Ordinal);
        using var gcmMember = host.As((await root.IssueKeyAsync(scope.Gcm.Id, "member")).Key);
        var owned = (await gcmMember.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Gcm.Id}/commitments"))!;
        Assert.Contains(id, owned.Items.Select(i => i.Id));

        using var asMember = await gcmMember.PutAsJsonAsync($"api/tenants/{scope.Gcm.Id}/commitments/{id}/owners", new AssignOwnersRequest([scope.Gcm.Id]));
        await Infrastructure.Api.AssertProblemAsync(asMember, HttpStatusCode.Forbidden);
        using var unknown = await coordinator.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/commitments/{id}/owners", new AssignOwnersRequest(["nobody-here"]));
        var problem = await Infrastructure.Api.AssertProblemAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Equal(["owners[0]"], Infrastructure.Api.ErrorFields(problem));
    }

    [Fact]
    public async Task A_long_history_comes_with_the_commitment_as_its_latest_50_and_whole_or_in_pages_from_its_own_endpoint()
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        using var tmpMember = host.As((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        var id = import.CommitmentIds[0];
        var commitment = $"api/tenants/{scope.Tmp.Id}/commitments/{id}";
        CommitmentResource answered = null!;
        for (var i = 1; i <= 60; i++)
        {
            using var response = await tmpMember.PostAsJsonAsync($"{commitment}/progress",
                new ReportProgressRequest(i % 2 == 0 ? "substantial" : "limited", $"update {i}"));
            await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.OK);
            answered = (await response.Content.ReadFromJsonAsync<CommitmentResource>())!;
        }

        // 61 entries (the import, then 60 updates): the commitment carries entries 12 to 61 and says how many in all.
        var read = (await tmpMember.GetFromJsonAsync<CommitmentResource>(commitment))!;
        foreach (var resource in new[] { answered, read })
        {
            Assert.Equal(61, resource.HistoryCount);
            Assert.Equal(Enumerable.Range(12, 50).Select(i => (long)i), resource.History.Select(h => h.Seq));
            Assert.Equal("update 60", resource.History[^1].Note);
            Assert.Equal(resource.History[^1].At, resource.LastProgressAt);
        }

        var whole = (await tmpMember.GetFromJsonAsync<List<HistoryEntryResource>>($"{commitment}/history"))!;
        Assert.Equal(Enumerable.Range(1, 61).Select(i => (long)i), whole.Select(h => h.Seq));
        Assert.Equal("imported", whole[0].Kind);
        Assert.Equal(read.History, whole.TakeLast(50));
        var page = (await tmpMember.GetFromJsonAsync<List<HistoryEntryResource>>($"{commitment}/history?after=10&limit=3"))!;
        Assert.Equal(["update 10", "update 11", "update 12"], page.Select(h => h.Note));
        Assert.Equal(whole.Skip(50), (await tmpMember.GetFromJsonAsync<List<HistoryEntryResource>>($"{commitment}/history?after=50"))!);
        Assert.Empty((await tmpMember.GetFromJsonAsync<List<HistoryEntryResource>>($"{commitment}/history?after=61"))!);
        // The home's coordinator reads the same history.
        using var coordinator = host.As(scope.CoordinatorKey);
        Assert.Equal(whole, (await coordinator.GetFromJsonAsync<List<HistoryEntryResource>>($"api/tenants/{scope.Forum.Id}/commitments/{id}/history"))!);
    }

    [Theory]
    [InlineData("?after=-1", "after")]
    [InlineData("?after=first", "after")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    public async Task Bad_history_paging_is_400_naming_the_parameter(string query, string field)
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var problem = await Infrastructure.Api.AssertProblemAsync(
            await coordinator.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/commitments/{import.CommitmentIds[0]}/history{query}", UriKind.Relative)),
            HttpStatusCode.BadRequest);
        Assert.Equal([field], Infrastructure.Api.ErrorFields(problem));
    }

    [Fact]
    public async Task Every_session_and_commitment_endpoint_is_404_for_a_foreign_key()
    {
        using var root = host.Root();
        var (scope, import) = await ImportedAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var foreign = host.As(other.CoordinatorKey);
        var forum = scope.Forum.Id;
        var id = import.CommitmentIds[0];

        var attempts = new Func<Task<HttpResponseMessage>>[]
        {
            () => foreign.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC)),
            () => foreign.PostAsJsonAsync($"api/tenants/{forum}/sessions", MinimalSession()),
            () => foreign.GetAsync(new Uri($"api/tenants/{forum}/sessions/{import.Session.Id}", UriKind.Relative)),
            () => foreign.GetAsync(new Uri($"api/tenants/{forum}/commitments", UriKind.Relative)),
            () => foreign.GetAsync(new Uri($"api/tenants/{forum}/commitments/{id}", UriKind.Relative)),
            () => foreign.GetAsync(new Uri($"api/tenants/{forum}/commitments/{id}/history", UriKind.Relative)),
            () => foreign.GetAsync(new Uri($"api/tenants/{other.Forum.Id}/commitments/{id}/history?after=0&limit=10", UriKind.Relative)),
            () => foreign.PostAsJsonAsync($"api/tenants/{forum}/commitments/{id}/progress", new ReportProgressRequest("complete")),
            () => foreign.PutAsJsonAsync($"api/tenants/{forum}/commitments/{id}/owners", new AssignOwnersRequest([other.Tmp.Id])),
            // Through its own tenant, a foreign key still cannot see the commitment.
            () => foreign.GetAsync(new Uri($"api/tenants/{other.Forum.Id}/commitments/{id}", UriKind.Relative)),
            () => foreign.PostAsJsonAsync($"api/tenants/{other.Forum.Id}/commitments/{id}/progress", new ReportProgressRequest("complete")),
        };
        foreach (var attempt in attempts)
        {
            using var response = await attempt();
            await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
        Assert.Equal(0, (await foreign.GetFromJsonAsync<CommitmentPage>($"api/tenants/{other.Forum.Id}/commitments"))!.Total);
        using var coordinator = host.As(scope.CoordinatorKey);
        Assert.Equal("not-started", (await coordinator.GetFromJsonAsync<CommitmentResource>($"api/tenants/{forum}/commitments/{id}"))!.Status);
    }

    private static SessionResource MinimalSession()
    {
        var due = new DateOnly(2017, 6, 30);
        return new SessionResource("GFMD", "Z", "Intrusion", null, new DateOnly(2016, 12, 1), false,
            [new PeriodResource(1, "Next six months", "GFMD Germany, June 2017", due,
                [new SessionCommitmentResource(1, "Something", "Someone", [], [], [], null, null, null)])],
            [], []);
    }
}
