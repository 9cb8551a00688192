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
    public async Task A_definition_can_notify_only_the_contacts_with_a_role()
    {
        using var coordinator = host.As(host.Scope.CoordinatorKey);
        var tenant = host.Scope.Ici.Id;
        using var profile = await coordinator.PutAsJsonAsync($"api/tenants/{tenant}/profile", new Network.Contracts.Organisations.OrganisationProfileResource(null, null,
        [
            new("Fiona", "Focal point", "fiona@ici.example.org", "en", new(null, "immediate")),
            new("Frank", "finance", "frank@ici.example.org", "en", new(null, "immediate")),
        ]));
        await TestApi.EnsureStatusAsync(profile, HttpStatusCode.OK);
        const string definition = """
            id: tell-focal-points
            version: 1
            title: Tell the focal points
            starts-on: manual
            steps:
              - id: tell
                notify: tenant-coordinator
                contacts: focal point
                message: "'The forum agenda is out.'"
                then: done
              - id: done
                end:
            """;
        using var published = await coordinator.PostAsync(new Uri($"api/tenants/{tenant}/workflows", UriKind.Relative),
            new StringContent(definition, System.Text.Encoding.UTF8, "text/yaml"));
        await TestApi.EnsureStatusAsync(published, HttpStatusCode.Created);

        using var started = await coordinator.PostAsJsonAsync($"api/tenants/{tenant}/workflow-instances",
            new Network.Contracts.Workflows.StartInstanceRequest("tell-focal-points", [], "agenda"));
        await TestApi.EnsureStatusAsync(started, HttpStatusCode.Created);

        // (ici owns commitments, so both also get the lifecycle's check-ins: those are for every contact.)
        var mail = await Eventually.ReadAsync(() => Task.FromResult(host.Smtp.Messages),
            m => m.To("fiona@ici.example.org").Any(e => e.Kind() == "notification"));
        var told = Assert.Single(mail.To("fiona@ici.example.org"), e => e.Kind() == "notification");
        Assert.Contains("The forum agenda is out.", told.TextBody, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(host.Smtp.Messages.To("frank@ici.example.org"), e => e.Kind() == "notification");
    }

    [Fact]
    public async Task A_task_reaches_its_assignees_by_email_with_a_link_to_its_form_and_a_reminder_when_due_soon()
    {
        using var coordinator = host.As(host.Scope.CoordinatorKey);
        var tenant = host.Scope.Gcm.Id;
        const string address = "gina@gcm.example.org";
        using var profile = await coordinator.PutAsJsonAsync($"api/tenants/{tenant}/profile", new Network.Contracts.Organisations.OrganisationProfileResource(null, null,
            [new("Gina", "coordinator", address, "es")]));
        await TestApi.EnsureStatusAsync(profile, HttpStatusCode.OK);
        const string definition = """
            id: ask-for-the-agenda
            version: 1
            title: Ask for the agenda
            starts-on: manual
            inputs: [dueAt]
            steps:
              - id: ask
                task: tenant-coordinator
                title: "'Send the forum agenda'"
                due: input.dueAt
                then: done
              - id: done
                end:
            """;
        using var published = await coordinator.PostAsync(new Uri($"api/tenants/{tenant}/workflows", UriKind.Relative),
            new StringContent(definition, System.Text.Encoding.UTF8, "text/yaml"));
        await TestApi.EnsureStatusAsync(published, HttpStatusCode.Created);

        // Due three days and a few seconds from now: the "due soon" reminder (three days before) is a few seconds away.
        // The second is answered at once: its reminder is dropped.
        var due = DateTimeOffset.UtcNow.AddDays(3).AddSeconds(6).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var instances = $"api/tenants/{tenant}/workflow-instances";
        foreach (var id in new[] { "agenda", "answered" })
        {
            using var started = await coordinator.PostAsJsonAsync(instances,
                new Network.Contracts.Workflows.StartInstanceRequest("ask-for-the-agenda", new System.Text.Json.Nodes.JsonObject { ["dueAt"] = due }, id));
            await TestApi.EnsureStatusAsync(started, HttpStatusCode.Created);
        }
        var task = (await coordinator.GetFromJsonAsync<List<Network.Contracts.Workflows.WorkflowTaskResource>>($"{instances}/answered/tasks"))!.Single();
        using var answered = await coordinator.PostAsJsonAsync($"{instances}/answered/tasks/{task.Id}:complete", new Network.Contracts.Workflows.CompleteTaskRequest());
        await TestApi.EnsureStatusAsync(answered, HttpStatusCode.OK);

        // The three mails go out on their own: the two assignments and the agenda's reminder.
        var mail = await Eventually.ReadAsync(() => Task.FromResult(host.Smtp.Messages),
            m => m.To(address).Count(e => e.Kind() == "task-assigned") >= 2 && m.To(address).Any(e => e.Kind() == "task-due-soon"), TimeSpan.FromSeconds(40));
        var assigned = Assert.Single(mail.To(address), e => e.Kind() == "task-assigned" && e.TextBody?.Contains("task-agenda-", StringComparison.Ordinal) == true);
        var dueSoon = Assert.Single(mail.To(address), e => e.Kind() == "task-due-soon");
        Assert.Contains("task-agenda-", dueSoon.TextBody, StringComparison.Ordinal);
        Assert.Single(mail.To(address), e => e.Kind() == "task-assigned" && e.TextBody?.Contains("task-answered-", StringComparison.Ordinal) == true);
        // The answered task's reminder, due at the same moment, was dropped rather than sent.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(host.Smtp.Messages.To(address), e => e.Kind() == "task-due-soon");
        Assert.Equal(("es", "es"), (assigned.Language(), dueSoon.Language()));
        Assert.Contains("Send the forum agenda", assigned.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{EmailHostFixture.PublicUrl}tasks#task-agenda-", assigned.TextBody, StringComparison.Ordinal);
        Assert.True(dueSoon.Date > assigned.Date);
    }

    [Fact]
    public async Task A_contacts_language_and_choices_are_checked_by_name()
    {
        using var coordinator = host.As(host.Scope.CoordinatorKey);
        using var response = await coordinator.PutAsJsonAsync($"api/tenants/{host.Scope.Gcm.Id}/profile", new Network.Contracts.Organisations.OrganisationProfileResource(null, null,
        [
            new("Ok", null, "ok@gcm.example.org", "es", new("digest", "none")),
            new("Bad", null, "bad@gcm.example.org", "de", new("sometimes", null)),
        ]));

        var problem = await TestApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("contacts[1].language", TestApi.ErrorFields(problem));
    }
}
