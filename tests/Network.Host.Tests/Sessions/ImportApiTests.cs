using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Sessions;

/// <summary>The real GFMD report, imported over HTTP, and what it must yield.</summary>
[Collection(SqliteHostCollection.Name)]
public sealed class ImportApiTests(SqliteHostFixture host)
{
    [Fact]
    public async Task The_sample_report_yields_its_session_and_four_commitments()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);

        using var response = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.Created);
        var result = (await response.Content.ReadFromJsonAsync<ImportResultResource>())!;

        Assert.True(result.Created);
        Assert.Equal(4, result.CommitmentIds.Count);
        var session = result.Session;
        Assert.Equal(("GFMD", "C", "Creating welcoming societies"), (session.Forum, session.SessionCode, session.Title));
        Assert.Equal((2016, 12, true), (session.HeldOn.Year, session.HeldOn.Month, session.DateInferred));
        Assert.Equal([2, 2], session.Periods.Select(p => p.Commitments.Count));
        Assert.Equal([new DateOnly(2017, 6, 30), new DateOnly(2017, 12, 31)], session.Periods.Select(p => p.DueOn));
        Assert.Equal(2, session.PriorityMessages.Count);
        Assert.All(session.PriorityMessages, m => Assert.Equal(new DateOnly(2016, 12, 10), m.DueOn));
        Assert.Equal(3, session.Reflections.Count);

        var first = await GetCommitmentAsync(coordinator, scope, result.CommitmentIds[0]);
        Assert.Contains(first.Milestones, m => m.DueOn == new DateOnly(2017, 3, 21));
        Assert.Contains(first.Contacts, c => c.Name == "Jill Belisario");
        Assert.Contains(first.Owners, o => o.Tenant == scope.Tmp.Id);
        Assert.Contains(first.Owners, o => o.Tenant == scope.Gcm.Id);
        Assert.Equal("not-started", first.Status);

        var second = await GetCommitmentAsync(coordinator, scope, result.CommitmentIds[1]);
        var teresa = Assert.Single(second.Contacts, c => c.Name == "Teresa Buczkowska");
        Assert.Equal(("Immigrant Council of Ireland", scope.Ici.Id), (teresa.Organisation, teresa.OrganisationTenant));
        Assert.Contains("if there is interest", teresa.Condition, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Europe sub-group", teresa.Role, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(10, second.Interest!.Count);
        Assert.Contains(second.Owners, o => o.Tenant == scope.Ici.Id);

        var fourth = await GetCommitmentAsync(coordinator, scope, result.CommitmentIds[3]);
        Assert.Equal("structure of UN campaign", fourth.Dependency);
        Assert.Equal("blocked", fourth.Status);
        Assert.Equal(2, fourth.Period);
    }

    [Fact]
    public async Task Importing_again_returns_the_same_ids_and_creates_nothing()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var first = await ImportAsync(coordinator, scope, HttpStatusCode.Created);

        var second = await ImportAsync(coordinator, scope, HttpStatusCode.OK);

        Assert.False(second.Created);
        Assert.Equal(first.CommitmentIds, second.CommitmentIds);
        Assert.Equal(first.Session.Id, second.Session.Id);
        var list = (await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Forum.Id}/commitments"))!;
        Assert.Equal(4, list.Total);
        var history = (await GetCommitmentAsync(coordinator, scope, first.CommitmentIds[0])).History;
        Assert.Single(history);
    }

    [Fact]
    public async Task A_dry_run_answers_the_same_and_saves_nothing()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);

        var dry = await ImportAsync(coordinator, scope, HttpStatusCode.OK, "?dryRun=true");

        Assert.True(dry.DryRun);
        Assert.False(dry.Created);
        Assert.Equal(4, dry.CommitmentIds.Count);
        Assert.Equal(0, (await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Forum.Id}/commitments"))!.Total);
        using var session = await coordinator.GetAsync(new Uri($"api/tenants/{scope.Forum.Id}/sessions/{dry.Session.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, session.StatusCode);

        var real = await ImportAsync(coordinator, scope, HttpStatusCode.Created);
        Assert.Equal(dry.CommitmentIds, real.CommitmentIds);
    }

    [Fact]
    public async Task A_given_date_is_used_instead_of_the_inferred_one()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);

        var result = await ImportAsync(coordinator, scope, HttpStatusCode.OK, "?date=2016-12-09&dryRun=true");

        Assert.Equal((new DateOnly(2016, 12, 9), false), (result.Session.HeldOn, result.Session.DateInferred));
        var bad = await Infrastructure.Api.AssertProblemAsync(
            await coordinator.PostAsync(new Uri(scope.ImportUri("?date=9 Dec 2016"), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC)),
            HttpStatusCode.BadRequest);
        Assert.Equal(["date"], Infrastructure.Api.ErrorFields(bad));
    }

    [Fact]
    public async Task Text_that_is_not_a_report_is_422_naming_the_sections_and_saves_nothing()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);

        using var response = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative),
            ForumScope.Text("Dear colleagues,\nplease find the minutes of our meeting attached.\nBest regards"));

        var problem = await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(Infrastructure.Api.ErrorFields(problem));
        Assert.True(problem.GetProperty("problems").GetArrayLength() > 0);
        Assert.Equal(0, (await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Forum.Id}/commitments"))!.Total);
    }

    [Fact]
    public async Task A_report_missing_its_priority_messages_is_422_naming_that_section()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var text = SampleReports.GfmdSessionC;
        var start = text.IndexOf("3. Priority messages", StringComparison.Ordinal);
        var end = text.IndexOf("4, Reflections", StringComparison.Ordinal);
        var mangled = text[..start] + text[end..];

        using var response = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(mangled));

        var problem = await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("priority", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Crlf_line_endings_import_the_same()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        using var crlf = await coordinator.PostAsync(new Uri(scope.ImportUri("?dryRun=true"), UriKind.Relative),
            ForumScope.Text(SampleReports.GfmdSessionC.ReplaceLineEndings("\r\n")));
        var lf = await ImportAsync(coordinator, scope, HttpStatusCode.OK, "?dryRun=true");

        await Infrastructure.Api.EnsureStatusAsync(crlf, HttpStatusCode.OK);
        var fromCrlf = (await crlf.Content.ReadFromJsonAsync<ImportResultResource>())!;
        Assert.Equal(lf.CommitmentIds, fromCrlf.CommitmentIds);
        Assert.Equal(
            lf.Session.Periods.SelectMany(p => p.Commitments).Select(c => c.Text),
            fromCrlf.Session.Periods.SelectMany(p => p.Commitments).Select(c => c.Text));
    }

    [Fact]
    public async Task The_structured_export_imports_back_to_the_same_session()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        var other = await ForumScope.CreateAsync(root);
        using var coordinator = host.As(scope.CoordinatorKey);
        var imported = await ImportAsync(coordinator, scope, HttpStatusCode.Created);
        var exported = (await coordinator.GetFromJsonAsync<SessionResource>($"api/tenants/{scope.Forum.Id}/sessions/{imported.Session.Id}"))!;

        using var otherCoordinator = host.As(other.CoordinatorKey);
        using var response = await otherCoordinator.PostAsJsonAsync($"api/tenants/{other.Forum.Id}/sessions",
            exported with { Periods = exported.Periods.Select(p => p with { Commitments = p.Commitments.Select(c => c with { Owners = c.Owners.Select(o => o with { Tenant = null }).ToList(), Contacts = c.Contacts.Select(k => k with { OrganisationTenant = null }).ToList() }).ToList() }).ToList() });

        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.Created);
        var again = (await response.Content.ReadFromJsonAsync<ImportResultResource>())!;
        Assert.Equal(imported.CommitmentIds, again.CommitmentIds);
        var reexported = (await otherCoordinator.GetFromJsonAsync<SessionResource>($"api/tenants/{other.Forum.Id}/sessions/{again.Session.Id}"))!;
        Assert.Equal(
            exported.Periods.SelectMany(p => p.Commitments).Select(c => (c.Text, c.Milestones.Count, c.Contacts.Count, c.Owners.Count, c.Dependency)),
            reexported.Periods.SelectMany(p => p.Commitments).Select(c => (c.Text, c.Milestones.Count, c.Contacts.Count, c.Owners.Count, c.Dependency)));
        var firstOwners = reexported.Periods[0].Commitments[0].Owners.Select(o => o.Tenant).ToList();
        Assert.Contains(other.Tmp.Id, firstOwners);
    }

    [Fact]
    public async Task Only_coordinators_import()
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var member = host.As((await root.IssueKeyAsync(scope.Forum.Id, "member")).Key);

        await Infrastructure.Api.AssertProblemAsync(
            await member.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC)), HttpStatusCode.Forbidden);
    }

    private static async Task<ImportResultResource> ImportAsync(HttpClient client, ForumScope scope, HttpStatusCode expected, string query = "")
    {
        using var response = await client.PostAsync(new Uri(scope.ImportUri(query), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        await Infrastructure.Api.EnsureStatusAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<ImportResultResource>())!;
    }

    private static async Task<CommitmentResource> GetCommitmentAsync(HttpClient client, ForumScope scope, string id) =>
        (await client.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{id}"))!;
}
