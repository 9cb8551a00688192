using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Notifications;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Notifications;

/// <summary>The test e-mail and the outbox over HTTP: who may, what is refused and how it says so.</summary>
[Collection(EmailHostCollection.Name)]
public sealed class NotificationApiTests(EmailHostFixture host)
{
    [Fact]
    public async Task A_coordinator_sends_a_test_email_to_a_contact_and_it_arrives_in_their_language()
    {
        using var coordinator = host.As(host.Scope.CoordinatorKey);

        using var response = await coordinator.PostAsJsonAsync($"api/tenants/{host.Scope.Tmp.Id}/notifications:test-email",
            new TestEmailRequest(" ANA@tmp.example.org "));

        await TestApi.EnsureStatusAsync(response, HttpStatusCode.Accepted);
        var queued = (await response.Content.ReadFromJsonAsync<TestEmailResource>())!;
        var mail = await Eventually.ReadAsync(() => Task.FromResult(host.Smtp.Messages),
            m => m.To(EmailHostFixture.OwnerAddress).Any(e => e.Kind() == "test"));
        var test = Assert.Single(mail.To(EmailHostFixture.OwnerAddress), e => e.Kind() == "test");
        Assert.Equal("fr", test.Language());
        Assert.Equal("ANA@tmp.example.org", queued.Address);
        // The outbox empties once the server took it.
        var outbox = await Eventually.ReadAsync(
            () => coordinator.GetFromJsonAsync<MailOutboxResource>($"api/tenants/{host.Scope.Tmp.Id}/notifications/outbox"),
            o => o!.Pending.All(p => p.DeliveryId != queued.DeliveryId));
        Assert.True(outbox!.EmailIsOn);
        Assert.DoesNotContain(outbox.Pending, p => p.DeliveryId == queued.DeliveryId);
    }

    [Fact]
    public async Task Only_the_tenants_own_contacts_get_a_test_email_and_only_its_coordinators_send_one()
    {
        using var coordinator = host.As(host.Scope.CoordinatorKey);
        using var member = host.As(host.ForumMemberKey);
        using var outsider = host.As(host.OutsiderKey);
        var uri = $"api/tenants/{host.Scope.Tmp.Id}/notifications:test-email";

        using var stranger = await coordinator.PostAsJsonAsync(uri, new TestEmailRequest("someone@elsewhere.example"));
        using var none = await coordinator.PostAsJsonAsync(uri, new TestEmailRequest(null));
        using var byMember = await member.PostAsJsonAsync($"api/tenants/{host.Scope.Forum.Id}/notifications:test-email", new TestEmailRequest(EmailHostFixture.CoordinatorAddress));
        using var foreign = await outsider.PostAsJsonAsync(uri, new TestEmailRequest(EmailHostFixture.OwnerAddress));
        using var foreignOutbox = await outsider.GetAsync(new Uri($"api/tenants/{host.Scope.Tmp.Id}/notifications/outbox", UriKind.Relative));
        using var memberOutbox = await member.GetAsync(new Uri($"api/tenants/{host.Scope.Forum.Id}/notifications/outbox", UriKind.Relative));

        Assert.Equal(["address"], TestApi.ErrorFields(await TestApi.AssertProblemAsync(stranger, HttpStatusCode.BadRequest)));
        Assert.Equal(["address"], TestApi.ErrorFields(await TestApi.AssertProblemAsync(none, HttpStatusCode.BadRequest)));
        await TestApi.AssertProblemAsync(byMember, HttpStatusCode.Forbidden);
        await TestApi.AssertProblemAsync(foreign, HttpStatusCode.NotFound);
        await TestApi.AssertProblemAsync(foreignOutbox, HttpStatusCode.NotFound);
        await TestApi.AssertProblemAsync(memberOutbox, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(host.Smtp.Messages, m => m.IsTo("someone@elsewhere.example"));
    }

    [Fact]
    public async Task A_contacts_language_and_choices_are_checked_by_name()
    {
        using var coordinator = host.As(host.Scope.CoordinatorKey);
        using var response = await coordinator.PutAsJsonAsync($"api/tenants/{host.Scope.Gcm.Id}/profile", new Network.Contracts.Organisations.OrganisationProfileDocument(null, null,
        [
            new("Ok", null, "ok@gcm.example.org", "es", new("digest", "none")),
            new("Bad", null, "bad@gcm.example.org", "de", new("sometimes", null)),
        ]));

        var problem = await TestApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("contacts[1].language", TestApi.ErrorFields(problem));
    }
}
