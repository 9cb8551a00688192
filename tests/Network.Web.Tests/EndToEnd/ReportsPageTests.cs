using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using Network.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Network.Web.Tests.EndToEnd;

/// <summary>
/// The Reports page as a coordinator and a partner meet it: choose the imported session's report, see it in the
/// preview, download the PDF and the spreadsheet and read them back; labels in French; a key that does not reach the
/// session gets "not found" for its files.
/// </summary>
public sealed partial class ReportsPageTests(ImportedReportHostFixture host, BrowserFixture browser)
    : IClassFixture<ImportedReportHostFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_previews_the_session_report_and_downloads_the_pdf_and_the_spreadsheet()
    {
        var page = await OpenAsync(host.BootstrapKey);

        await page.GetByTestId("report-preview").ClickAsync();
        var frame = page.FrameLocator("[data-testid=report-frame]");
        await Assertions.Expect(frame.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Creating welcoming societies");
        await Assertions.Expect(frame.GetByRole(AriaRole.Heading, new() { Name = "Commitment 2.2", Exact = true })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await Screenshots.SaveAsync(page, "reports");

        var pdf = await DownloadAsync(page, "download-pdf");
        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            Assert.Contains("Creating welcoming societies", text, StringComparison.Ordinal);
            Assert.Contains("Blocked", text, StringComparison.Ordinal);
        }
        using var sheet = new MemoryStream(await DownloadAsync(page, "download-xlsx"));
        var rows = sheet.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => (string?)r["status"] == "blocked");
    }

    [Fact]
    public async Task The_labels_come_in_the_language_chosen_and_the_partners_text_as_written()
    {
        var page = await OpenAsync(host.BootstrapKey);

        await page.GetByTestId("report-language").SelectOptionAsync("fr");
        await page.GetByTestId("report-preview").ClickAsync();

        var frame = page.FrameLocator("[data-testid=report-frame]");
        await Assertions.Expect(frame.GetByText(FrenchSubtitle())).ToBeVisibleAsync();
        await Assertions.Expect(frame.GetByRole(AriaRole.Heading, new() { Name = "Engagement 1.1", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(frame.GetByText("Creating welcoming societies").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_partner_without_sessions_of_its_own_is_told_so_and_gets_not_found_for_another_s_report()
    {
        var key = (await host.IssueKeyAsync("wsp", "member", "WSP staff")).Key;
        var page = await OpenAsync(key);

        await Assertions.Expect(page.GetByTestId("no-sessions")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync($"/reports/files/session/network/{host.SessionId}?format=html");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        await using var response = await page.Context.APIRequest.GetAsync(new Uri(host.BaseAddress, $"/reports/files/session/network/{host.SessionId}?format=pdf").ToString(),
            new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        Assert.Equal("/not-found", response.Headers["location"]);
    }

    /// <summary>The file behind a download button, fetched with the page's own session cookie.</summary>
    private static async Task<byte[]> DownloadAsync(IPage page, string testId)
    {
        var address = await page.GetByTestId(testId).GetAttributeAsync("href");
        Assert.NotNull(address);
        await using var response = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), address).ToString());
        Assert.Equal(200, response.Status);
        return await response.BodyAsync();
    }

    private async Task<IPage> OpenAsync(string key)
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(key);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        await page.GotoAsync("/reports");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reports");
        return page;
    }

    [GeneratedRegex("^Rapport d'avancement au ")]
    private static partial Regex FrenchSubtitle();
}
