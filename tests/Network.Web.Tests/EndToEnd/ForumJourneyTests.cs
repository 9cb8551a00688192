using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>
/// A session's report on its way through the web app, as the people meet it: the coordinator imports the GFMD 2016
/// session C letter through the preview (mapping a name to a tenant), the partner's member reports progress and
/// answers the forum's task, the coordinator's dashboard shows it, and another partner sees none of it.
/// </summary>
public sealed partial class ForumJourneyTests(WebHostFixture host, BrowserFixture browser)
    : IClassFixture<WebHostFixture>, IClassFixture<BrowserFixture>
{
    private static readonly string Report = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "gfmd-2016-session-c-report.txt"));

    [Fact]
    public async Task A_report_becomes_tracked_commitments_that_a_partner_updates_and_the_coordinator_sees()
    {
        // TMP exists under a short name, so the report's "Transnational Migrant Platform" matches no tenant at first.
        await host.CreateTenantAsync("tmp", "TMP");
        await host.CreateTenantAsync("gcm", "Global Coalition on Migration");
        await host.CreateTenantAsync("wsp", "West Sahel Partners");
        var tmpMember = await host.IssueKeyAsync("tmp", "member", "TMP staff");
        var outsiderMember = await host.IssueKeyAsync("wsp", "member", "WSP staff");

        // The coordinator imports the letter through the preview and maps the name.
        var coordinator = await browser.NewPageAsync(host.BaseAddress);
        await coordinator.SignInAsync(host.BootstrapKey);
        await coordinator.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        await coordinator.GotoAsync("/sessions/import");
        await coordinator.WaitForCircuitAsync();
        await coordinator.GetByLabel("Report text").FillAsync(Report);
        await coordinator.GetByTestId("preview").ClickAsync();
        var unresolved = coordinator.Locator("[data-testid=unresolved-name][data-name='Transnational Migrant Platform']");
        await Assertions.Expect(unresolved).ToBeVisibleAsync();
        await Assertions.Expect(coordinator.GetByTestId("preview-commitment")).ToHaveCountAsync(4);
        await unresolved.Locator("select").SelectOptionAsync("tmp");
        await unresolved.GetByRole(AriaRole.Button, new() { Name = "Map Transnational Migrant Platform to the chosen tenant" }).ClickAsync();
        await Assertions.Expect(unresolved).ToHaveCountAsync(0);
        await Assertions.Expect(coordinator.Locator(".owner--resolved", new() { HasText = "tmp" }).First).ToBeVisibleAsync();
        await coordinator.AssertNoSeriousViolationsAsync();
        await Screenshots.SaveAsync(coordinator, "import-preview");
        await coordinator.GetByTestId("confirm-import").ClickAsync();
        await coordinator.WaitForURLAsync(SessionPage());
        await Assertions.Expect(coordinator.GetByTestId("session-commitment")).ToHaveCountAsync(4);

        // The dashboard: four commitments, the blocked one in red among those that need attention.
        await coordinator.GotoAsync("/");
        await coordinator.WaitForCircuitAsync();
        await Assertions.Expect(coordinator.GetByTestId("commitment-table").Locator("tbody tr")).ToHaveCountAsync(4);
        var blocked = coordinator.Locator("[data-testid=attention] [data-testid=commitment-row][data-status=blocked]");
        await Assertions.Expect(blocked).ToHaveCountAsync(1);
        await Assertions.Expect(blocked.Locator(".traffic-light--red")).ToBeVisibleAsync();
        await Assertions.Expect(coordinator.GetByTestId("count-blocked")).ToHaveTextAsync("1");

        // TMP's member sees its commitments, records progress with an evidence link and answers the forum's task.
        var member = await browser.NewPageAsync(host.BaseAddress);
        await member.SignInAsync(tmpMember.Key);
        await member.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        await member.WaitForCircuitAsync();
        var firstOwned = member.GetByTestId("commitment-table").Locator("tbody tr a").First;
        await Assertions.Expect(firstOwned).ToBeVisibleAsync();
        await firstOwned.ClickAsync();
        await member.WaitForURLAsync(CommitmentPage());
        var commitmentUrl = new Uri(member.Url).PathAndQuery;
        Assert.StartsWith("/commitments/tmp/", commitmentUrl, StringComparison.Ordinal);
        // The form starts at the commitment's current status, with no problem shown.
        await Assertions.Expect(member.GetByLabel("Status", new() { Exact = true })).ToHaveValueAsync("not-started");
        await Assertions.Expect(member.GetByTestId("progress-problem")).ToHaveCountAsync(0);
        await member.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("substantial");
        await member.GetByLabel("Note").FillAsync("Training held in Dakar with 40 officials");
        await member.GetByLabel("Evidence link").FillAsync("https://example.org/tmp/dakar-training");
        await member.GetByRole(AriaRole.Button, new() { Name = "Record progress" }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("progress-saved")).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByTestId("commitment-status")).ToContainTextAsync("Substantial");
        await Assertions.Expect(member.GetByTestId("history").GetByRole(AriaRole.Link, new() { Name = "Evidence" }))
            .ToHaveAttributeAsync("href", "https://example.org/tmp/dakar-training");
        await member.AssertNoSeriousViolationsAsync();

        await member.GotoAsync("/tasks");
        await member.WaitForCircuitAsync();
        var task = member.GetByTestId("task").First;
        await Assertions.Expect(task).ToContainTextAsync("Progress report for the forum");
        await member.AssertNoSeriousViolationsAsync();
        await Screenshots.SaveAsync(member, "task-inbox");
        await task.GetByTestId("task-status").SelectOptionAsync("substantial");
        await task.GetByTestId("task-note").FillAsync("Two of three trainings held; the third is planned for May.");
        var openBefore = await member.GetByTestId("task").CountAsync();
        await task.GetByRole(AriaRole.Button, new() { Name = "Send and complete" }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("task")).ToHaveCountAsync(openBefore - 1);

        // The audit trail names the member's key and the web app as the door, for the progress and the task alike.
        using (var api = host.Api())
        {
            var audit = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<Network.Contracts.Audit.AuditEntryPage>(
                api, $"api/tenants/network/audit?actor={tmpMember.Id}"))!;
            Assert.Contains(audit.Items, e => e.Action == "commitment.progress" && e.Outcome == "done" && e.Actor.Door == "web" && e.Actor.KeyLabel == "TMP staff");
            Assert.Contains(audit.Items, e => e.Action == "task.complete" && e.Outcome == "done" && e.Actor.Door == "web");
        }

        // The coordinator's dashboard shows the partner's progress.
        await coordinator.ReloadAsync();
        await coordinator.WaitForCircuitAsync();
        await Assertions.Expect(coordinator.GetByTestId("count-substantial")).ToHaveTextAsync("1");
        await Assertions.Expect(coordinator.GetByTestId("commitment-table").GetByTestId("status").Filter(new() { HasText = "Substantial" }))
            .ToHaveCountAsync(1);
        await coordinator.AssertNoSeriousViolationsAsync();
        await Screenshots.SaveAsync(coordinator, "dashboard");

        // A partner that owns none of it, opening TMP's commitment (by TMP's address or its own), gets the same
        // "not found" as for nothing at all.
        var outsider = await browser.NewPageAsync(host.BaseAddress);
        await outsider.SignInAsync(outsiderMember.Key);
        await outsider.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        await outsider.GotoAsync(commitmentUrl);
        await outsider.WaitForCircuitAsync();
        await Assertions.Expect(outsider.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(outsider.GetByTestId("commitment-text")).ToHaveCountAsync(0);
        await outsider.GotoAsync(commitmentUrl.Replace("/commitments/tmp/", "/commitments/wsp/", StringComparison.Ordinal));
        await Assertions.Expect(outsider.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await outsider.GotoAsync("/commitments/wsp/no-such-commitment");
        await Assertions.Expect(outsider.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
    }

    [GeneratedRegex("/sessions/network/[a-z0-9-]+$")]
    private static partial Regex SessionPage();

    [GeneratedRegex("/commitments/[a-z0-9-]+/[a-z0-9-]+$")]
    private static partial Regex CommitmentPage();
}
