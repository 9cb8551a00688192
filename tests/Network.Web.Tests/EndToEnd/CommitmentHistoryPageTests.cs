using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Network.Contracts.Commitments;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>
/// A commitment followed for a long time, as its owner meets it on its page: the latest 50 entries of its history,
/// newest first, and the older ones when asked for; a partner it is not shared with finds no such page.
/// </summary>
public sealed class CommitmentHistoryPageTests(ImportedReportHostFixture host, BrowserFixture browser)
    : IClassFixture<ImportedReportHostFixture>, IClassFixture<BrowserFixture>
{
    private const int Updates = 60;

    [Fact]
    public async Task The_page_shows_the_latest_50_entries_and_the_older_ones_on_request()
    {
        using (var tmp = host.Api(host.TmpMemberKey))
        {
            for (var i = 1; i <= Updates; i++)
            {
                using var response = await tmp.PostAsJsonAsync($"api/tenants/tmp/commitments/{host.TmpCommitmentId}/progress",
                    new ReportProgressRequest(i % 2 == 0 ? "substantial" : "limited", $"update {i}"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.OpenSignedInAsync(host.BaseAddress, host.TmpMemberKey, $"/commitments/tmp/{host.TmpCommitmentId}");

        var rows = page.GetByTestId("history").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(rows.First).ToContainTextAsync($"update {Updates}");
        await Assertions.Expect(rows.Last).ToContainTextAsync("update 11");
        var older = page.GetByTestId("history-older");
        await Assertions.Expect(older).ToHaveTextAsync("Show 11 older entries", new() { IgnoreCase = true });
        await page.AssertNoSeriousViolationsAsync();
        // What the reader sees at the end of the latest entries: the oldest of them, and the way to the rest.
        await older.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "commitment-history", fullPage: false);

        await older.ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(Updates + 1);
        await Assertions.Expect(rows.Nth(50)).ToContainTextAsync("update 10");
        await Assertions.Expect(rows.Last).ToContainTextAsync("Imported");
        await Assertions.Expect(older).ToHaveCountAsync(0);

        // A partner the commitment is not shared with: no such page, and no history to read.
        var outsider = await browser.NewPageAsync(host.BaseAddress);
        await outsider.OpenSignedInAsync(host.BaseAddress, (await host.IssueKeyAsync("wsp", "member", "WSP staff")).Key,
            $"/commitments/tmp/{host.TmpCommitmentId}");
        await Assertions.Expect(outsider.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        await Assertions.Expect(outsider.GetByTestId("history")).ToHaveCountAsync(0);
    }
}
