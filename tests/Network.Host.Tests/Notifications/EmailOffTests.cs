using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Notifications;
using Network.Contracts.Organisations;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Notifications;

/// <summary>A host with no SMTP server configured: e-mail is off, says so, and everything else works as before.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class EmailOffTests(InProcessHostFixture host)
{
    [Fact]
    public async Task Without_an_smtp_server_a_test_email_is_refused_with_why_and_contacts_still_save()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("quiet"), "Quiet Organisation", "organisation", "network");
        using var put = await root.PutAsJsonAsync($"api/tenants/{tenant.Id}/profile",
            new OrganisationProfileResource(null, null, [new ContactPersonResource("Sam", null, "sam@quiet.example.org")]));
        await TestApi.EnsureStatusAsync(put, HttpStatusCode.OK);
        var saved = (await put.Content.ReadFromJsonAsync<OrganisationProfileResource>())!;
        // Left out, a contact reads English and gets escalations and tasks at once, the rest weekly.
        Assert.Equal(("en", new ContactReceivesResource("immediate", "digest")), (saved.Contacts[0].Language, saved.Contacts[0].Receives));

        using var test = await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/notifications:test-email", new TestEmailRequest("sam@quiet.example.org"));

        var problem = await TestApi.AssertProblemAsync(test, HttpStatusCode.Conflict);
        Assert.Contains("Notifications:Smtp:Host", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
