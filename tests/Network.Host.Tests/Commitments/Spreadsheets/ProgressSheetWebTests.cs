using System.Net;
using Network.Contracts.Commitments;
using Network.Domain.Commitments.ProgressImport;
using Network.Domain.Tenancy;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Commitments.Spreadsheets;

/// <summary>
/// The web app's doors to spreadsheets: the download link of the progress import page (served to the web session,
/// through the domain) and the import as the page calls it (the domain service with the signed-in caller entered).
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class ProgressSheetWebTests(InProcessHostFixture host)
{
    [Fact]
    public async Task The_download_is_the_signed_in_tenants_list_and_nothing_without_a_session()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var root = host.Root();
        var other = await ForumScope.CreateAsync(root);

        using (var coordinator = await WebSessionClient.SignInAsync(host, forum.Coordinator.Key))
        using (var response = await coordinator.GetAsync(new Uri("commitments/progress-import.xlsx", UriKind.Relative)))
        {
            var (_, rows) = await SheetForum.ReadXlsxAsync(response);
            Assert.Equal(forum.Ids.Order(StringComparer.Ordinal), rows.Select(r => (string)r["commitment"]!).Order(StringComparer.Ordinal));
        }
        // Another forum's coordinator downloads its own (empty) list, never this forum's.
        using (var foreign = await WebSessionClient.SignInAsync(host, other.CoordinatorKey))
        using (var response = await foreign.GetAsync(new Uri("commitments/progress-import.xlsx", UriKind.Relative)))
        {
            Assert.Empty((await SheetForum.ReadXlsxAsync(response)).Rows);
        }
        // An API key is not a web session: the download sends it to sign in.
        using var apiKeyOnly = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }, disposeHandler: true) { BaseAddress = host.BaseAddress };
        apiKeyOnly.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forum.Coordinator.Key);
        using var refused = await apiKeyOnly.GetAsync(new Uri("commitments/progress-import.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var location = refused.Headers.Location!;
        Assert.StartsWith("/signin", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_the_service_as_the_page_calls_it_a_foreign_member_gets_not_found_for_the_row()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var root = host.Root();
        var other = await ForumScope.CreateAsync(root);
        var key = await root.IssueKeyAsync(other.Tmp.Id, "member");
        var foreignMember = TenantCaller.ForKey(TenantPath.Parse(other.Tmp.Path), TenantRole.Member, key.Id);
        var sheet = new ProgressImportSheet(
            new ProgressImportColumns(new SheetColumn("A", "commitment"), new SheetColumn("B", "status"), null, null),
            [new ProgressImportRow(2, forum.Ids[0], "complete", null, null)]);
        var imports = host.Service<ProgressImportService>();
        var before = await forum.HistoryLengthsAsync();

        var preview = await InProcessHostFixture.AsAsync(foreignMember, () => imports.ImportAsync(other.Tmp.Id, sheet, dryRun: true));
        var refused = await Assert.ThrowsAsync<ProgressImportRefusedException>(() =>
            InProcessHostFixture.AsAsync(foreignMember, () => imports.ImportAsync(other.Tmp.Id, sheet, dryRun: false)));

        var problem = Assert.Single(Assert.Single(preview.Rows).Problems);
        Assert.Equal(("row 2, column A (commitment)", $"No commitment '{forum.Ids[0]}' is visible to this key."), (problem.Location, problem.Message));
        Assert.Equal(ProgressImportOutcomes.Refused, Assert.Single(refused.Result.Rows).Outcome);
        await Assert.ThrowsAsync<Network.Domain.Errors.DomainNotFoundException>(() =>
            InProcessHostFixture.AsAsync(foreignMember, () => imports.ImportAsync(forum.Forum, sheet, dryRun: true)));
        Assert.Equal(before, await forum.HistoryLengthsAsync());
    }
}
