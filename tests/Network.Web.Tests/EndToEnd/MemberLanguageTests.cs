using Microsoft.Playwright;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>What a partner organisation's member meets, in French and Spanish (GFMD works in all three).</summary>
public sealed class MemberLanguageTests(WebHostFixture host, BrowserFixture browser)
    : IClassFixture<WebHostFixture>, IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("fr-FR", "Tableau de bord", "Mes tâches", "Boîte de réception", "Aucune tâche ici.")]
    [InlineData("es-ES", "Panel", "Mis tareas", "Bandeja de entrada", "No hay tareas aquí.")]
    public async Task A_member_reads_the_dashboard_tasks_and_inbox_in_the_browsers_language(
        string locale, string dashboard, string tasks, string inbox, string noTasks)
    {
        var tenant = WebHostFixture.UniqueId("org");
        await host.CreateTenantAsync(tenant, "Partner " + tenant);
        var key = await host.IssueKeyAsync(tenant, "member", "staff");
        var page = await browser.NewPageAsync(host.BaseAddress, locale: locale);
        await page.GotoAsync("/signin");
        await page.Locator("#api-key").FillAsync(key.Key);
        await page.Locator("#api-key").PressAsync("Enter");
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());
        await page.WaitForCircuitAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = dashboard, Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/tasks");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = tasks, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("no-tasks")).ToHaveTextAsync(noTasks);
        await page.GotoAsync("/inbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = inbox, Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    }
}
