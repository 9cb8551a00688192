using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Network.Contracts.Commitments;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Commitments.Spreadsheets;

/// <summary>The commitment list as an XLSX download: every match (not a page), the columns the progress import reads back.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class CommitmentExportApiTests(InProcessHostFixture host)
{
    private static readonly string[] Header =
        ["commitment", "status", "note", "evidence", "home tenant", "session", "period", "ordinal", "summary", "due", "owners", "updated"];

    [Fact]
    public async Task The_export_has_one_row_per_commitment_with_its_status_under_the_header_the_import_reads()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        var listed = (await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{forum.Forum}/commitments"))!;

        // A page of one in the query does not make the download one row long.
        using var response = await coordinator.GetAsync(new Uri($"api/tenants/{forum.Forum}/commitments?format=xlsx&limit=1", UriKind.Relative));
        var (header, rows) = await SheetForum.ReadXlsxAsync(response);

        Assert.Equal(Header, header);
        Assert.Equal(listed.Items.Select(c => (c.Id, c.Status)), rows.Select(r => ((string)r["commitment"]!, (string)r["status"]!)));
        Assert.All(rows, r => Assert.Null(r["note"]));
        var first = listed.Items[0];
        Assert.Equal((first.HomeTenant, first.SessionId, (double)first.Period, first.DueOn.ToDateTime(TimeOnly.MinValue), string.Join(", ", first.Owners)),
            ((string)rows[0]["home tenant"]!, (string)rows[0]["session"]!, (double)rows[0]["period"]!, (DateTime)rows[0]["due"]!, (string)rows[0]["owners"]!));
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.StartsWith($"{forum.Forum}-commitments-", disposition.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", disposition.FileName?.Trim('"'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_keeps_the_lists_filters_and_accept_asks_for_it_too()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tenants/{forum.Forum}/commitments?status=blocked");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(SheetForum.XlsxType));

        using var response = await coordinator.SendAsync(request);
        var (_, rows) = await SheetForum.ReadXlsxAsync(response);

        Assert.Equal([(forum.Ids[3], "blocked")], rows.Select(r => ((string)r["commitment"]!, (string)r["status"]!)));
    }

    [Theory]
    [InlineData("?format=json", null)]
    [InlineData("", "application/json")]
    [InlineData("", null)]
    [InlineData("?format=json", SheetForum.XlsxType)]
    [InlineData("", "application/json, " + SheetForum.XlsxType + ";q=0.5")]
    public async Task Json_stays_the_answer_unless_xlsx_is_asked_for(string query, string? accept)
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tenants/{forum.Forum}/commitments{query}");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await coordinator.SendAsync(request);

        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, (await response.Content.ReadFromJsonAsync<CommitmentPage>())!.Total);
    }

    [Fact]
    public async Task An_unknown_format_is_400_naming_the_parameter_and_the_allowed_values()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();

        var problem = await Infrastructure.Api.AssertProblemAsync(
            await coordinator.GetAsync(new Uri($"api/tenants/{forum.Forum}/commitments?format=csv", UriKind.Relative)), HttpStatusCode.BadRequest);

        Assert.Equal(["format"], Infrastructure.Api.ErrorFields(problem));
        Assert.Contains("json, xlsx", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_foreign_key_gets_the_404_of_a_missing_tenant_and_an_owner_exports_only_what_it_sees()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var root = host.Root();
        var other = await ForumScope.CreateAsync(root);
        using var foreign = host.As(other.CoordinatorKey);

        await Infrastructure.Api.AssertProblemAsync(
            await foreign.GetAsync(new Uri($"api/tenants/{forum.Forum}/commitments?format=xlsx", UriKind.Relative)), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(
            await foreign.GetAsync(new Uri($"api/tenants/{Infrastructure.Api.UniqueId("nobody")}/commitments?format=xlsx", UriKind.Relative)), HttpStatusCode.NotFound);
        using var ownExport = await foreign.GetAsync(new Uri($"api/tenants/{other.Forum.Id}/commitments?format=xlsx", UriKind.Relative));
        Assert.Empty((await SheetForum.ReadXlsxAsync(ownExport)).Rows);

        using var tmpMember = host.As((await root.IssueKeyAsync(forum.Scope.Tmp.Id, "member")).Key);
        using var tmpExport = await tmpMember.GetAsync(new Uri($"api/tenants/{forum.Scope.Tmp.Id}/commitments?format=xlsx", UriKind.Relative));
        var owned = (await tmpMember.GetFromJsonAsync<CommitmentPage>($"api/tenants/{forum.Scope.Tmp.Id}/commitments"))!;
        Assert.Equal(owned.Items.Select(c => c.Id), (await SheetForum.ReadXlsxAsync(tmpExport)).Rows.Select(r => (string)r["commitment"]!));
    }
}
