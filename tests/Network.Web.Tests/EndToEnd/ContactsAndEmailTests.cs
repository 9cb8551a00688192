using Microsoft.Playwright;
using MimeKit;
using Network.Web.Tests.Infrastructure;

namespace Network.Web.Tests.EndToEnd;

/// <summary>
/// A coordinator on the tenant page: adds a contact with an address, a language and what they receive, saves, and
/// sends the test e-mail, which a real SMTP server receives in that language. A key of another tenant gets "not
/// found" for the page.
/// </summary>
public sealed class ContactsAndEmailTests(ContactsAndEmailTests.EmailHost host, BrowserFixture browser)
    : IClassFixture<ContactsAndEmailTests.EmailHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_sets_a_contacts_language_and_choices_and_the_test_email_arrives_in_that_language()
    {
        var tenantId = WebHostFixture.UniqueId("tmp");
        await host.CreateTenantAsync(tenantId, "Transnational Migrant Platform");
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.OpenSignedInAsync(host.BaseAddress, host.BootstrapKey, $"/tenants/{tenantId}");
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Transnational Migrant Platform");
        await Assertions.Expect(page.GetByText("No contact has an e-mail address yet")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a contact" }).ClickAsync();
        await page.GetByLabel("Name of contact 1").FillAsync("Ana Souza");
        await page.GetByLabel("Role of contact 1").FillAsync("focal point");
        await page.GetByLabel("E-mail of contact 1").FillAsync("ana@tmp.example.org");
        await page.GetByLabel("Language of contact 1").SelectOptionAsync("fr");
        await page.GetByLabel("Check-ins and notifications for contact 1").SelectOptionAsync("immediate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Profile saved.")).ToBeVisibleAsync();

        // Read back from the server, not the form: the page opened afresh shows what was stored.
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByLabel("Language of contact 1")).ToHaveValueAsync("fr");
        await Assertions.Expect(page.GetByLabel("Escalations and tasks for contact 1")).ToHaveValueAsync("immediate");
        await Assertions.Expect(page.GetByLabel("Check-ins and notifications for contact 1")).ToHaveValueAsync("immediate");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test e-mail" }).ClickAsync();
        await Assertions.Expect(page.GetByText("A test e-mail to ana@tmp.example.org is on its way")).ToBeVisibleAsync();
        var received = await host.Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
        var email = Assert.Single(received, m => m.To.Mailboxes.Any(a => a.Address == "ana@tmp.example.org"));
        Assert.Equal("test", email.Headers["X-Network-Kind"]);
        Assert.Equal("fr", email.Body?.Headers[HeaderId.ContentLanguage]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("outbox-empty")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        // From the top: a full-page picture of a scrolled page draws the fixed header mid-page.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Screenshots.SaveAsync(page, "tenant-contacts-email", fullPage: true);
    }

    [Fact]
    public async Task A_key_of_another_tenant_gets_not_found_for_the_tenant_page()
    {
        var tenantId = WebHostFixture.UniqueId("gcm");
        await host.CreateTenantAsync(tenantId, "Global Coalition on Migration");
        var otherId = WebHostFixture.UniqueId("other");
        await host.CreateTenantAsync(otherId, "Another Organisation");
        var key = await host.IssueKeyAsync(otherId, "coordinator", "other desk");
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.SignInAsync(key.Key);
        await page.WaitForURLAsync(new Uri(host.BaseAddress, "/").ToString());

        await page.GotoAsync($"/tenants/{tenantId}");
        await page.WaitForCircuitAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        await Assertions.Expect(page.GetByTestId("email-section")).ToHaveCountAsync(0);
    }

    /// <summary>The built host with e-mail on, sending to a real SMTP server in the test process.</summary>
    public sealed class EmailHost : WebHostFixture
    {
        private readonly Dictionary<string, string> _settings = [];

        public SmtpTestServer Smtp { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string> Settings => _settings;

        protected override async Task BeforeHostStartsAsync()
        {
            Smtp = await SmtpTestServer.StartAsync();
            _settings["Notifications:Smtp:Host"] = Smtp.Host;
            _settings["Notifications:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _settings["Notifications:Smtp:Security"] = "none";
            _settings["Notifications:Smtp:From"] = "Network <network@network.example.org>";
        }

        protected override async Task AfterHostStopsAsync() => await Smtp.DisposeAsync();
    }
}
