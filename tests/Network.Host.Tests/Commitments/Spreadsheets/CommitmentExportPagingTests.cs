using System.Globalization;
using Network.Domain.Commitments;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Commitments.Spreadsheets;

/// <summary>
/// An export reads every page of the list and refuses above its cap. The rows are written straight into the host's
/// real read model (the list is all an export reads), under a tenant of their own: hundreds of commitments without
/// importing hundreds of reports.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class CommitmentExportPagingTests(InProcessHostFixture host)
{
    private async Task<(TenantPath Path, TenantCaller Coordinator)> TenantWithRowsAsync(int count)
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("many"), "Many commitments", "platform", "network");
        var key = await root.IssueKeyAsync(tenant.Id, "coordinator");
        var path = TenantPath.Parse(tenant.Path);
        var readModel = host.Service<ICommitmentReadModel>();
        var due = new DateOnly(2017, 6, 30);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(100))
        {
            await Task.WhenAll(chunk.Select(i =>
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"c-{i:D5}");
                return readModel.UpsertAsync(new CommitmentListRow(TenantScopedKey.For(path, id), id, path.Value, "s", 1, i, "A commitment",
                    CommitmentStatuses.NotStarted, due.AddDays(i % 7), [], DateTimeOffset.UnixEpoch, 1));
            }));
        }
        return (path, TenantCaller.ForKey(path, TenantRole.Coordinator, key.Id));
    }

    [Fact]
    public async Task Every_page_of_the_list_is_in_the_export_once_in_the_lists_order()
    {
        var (path, coordinator) = await TenantWithRowsAsync(450);
        var commitments = host.Service<CommitmentService>();

        var all = await InProcessHostFixture.AsAsync(coordinator, () => commitments.ListAllAsync(path.TenantId, new CommitmentFilter()));

        Assert.Equal(450, all.Select(c => c.Id).Distinct().Count());
        var firstPage = await InProcessHostFixture.AsAsync(coordinator, () => commitments.ListAsync(path.TenantId, new CommitmentFilter(Limit: 200)));
        Assert.Equal(firstPage.Items.Select(c => c.Id), all.Take(200).Select(c => c.Id));
    }

    [Fact]
    public async Task Above_ten_thousand_matches_the_export_is_refused_saying_how_many_and_how_to_narrow_it()
    {
        var (path, _) = await TenantWithRowsAsync(CommitmentService.MaxExportRows + 1);
        using var root = host.Root();
        using var client = host.As((await root.IssueKeyAsync(path.TenantId, "coordinator")).Key);

        var problem = await Infrastructure.Api.AssertProblemAsync(
            await client.GetAsync(new Uri($"api/tenants/{path.TenantId}/commitments?format=xlsx", UriKind.Relative)), System.Net.HttpStatusCode.UnprocessableEntity);

        Assert.Contains("10,001", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Narrow it", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The same filters narrowed below the cap export.
        using var narrowed = await client.GetAsync(new Uri($"api/tenants/{path.TenantId}/commitments?format=xlsx&dueBefore=2017-07-01", UriKind.Relative));
        var dueOnTheFirstDay = Enumerable.Range(0, CommitmentService.MaxExportRows + 1).Count(i => i % 7 == 0);
        Assert.Equal(dueOnTheFirstDay, (await SheetForum.ReadXlsxAsync(narrowed)).Rows.Count);
    }
}
