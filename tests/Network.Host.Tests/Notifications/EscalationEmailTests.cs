using System.Net;
using System.Net.Http.Json;
using MimeKit;
using Network.Contracts.Commitments;
using Network.Contracts.Organisations;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Notifications;

/// <summary>
/// The escalation ladder and the check-ins of the standard lifecycle, by e-mail through a real SMTP server: the right
/// people, once per rung, in their language, with links that work; check-ins gathered into a digest; the unsubscribe
/// link. No definition was changed for any of it.
/// </summary>
[Collection(EmailHostCollection.Name)]
public sealed class EscalationEmailTests(EmailHostFixture host)
{
    private static readonly TimeSpan Ladder = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_stalled_commitment_reaches_owner_then_coordinator_then_chair_by_email_once_each_in_their_language()
    {
        var commitment = host.TmpCommitmentId;
        var mail = await Eventually.ReadAsync(() => Task.FromResult(host.Smtp.Messages),
            m => m.Escalations(EmailHostFixture.ChairAddress, commitment, 3).Count > 0, Ladder);

        var first = Assert.Single(mail.Escalations(EmailHostFixture.OwnerAddress, commitment, 1));
        var second = Assert.Single(mail.Escalations(EmailHostFixture.CoordinatorAddress, commitment, 2));
        var third = Assert.Single(mail.Escalations(EmailHostFixture.ChairAddress, commitment, 3));
        Assert.Equal(["fr", "es", "en"], new[] { first, second, third }.Select(m => m.Language()));
        // Owners hear first, the chair last: the Date header is when each rung was raised (escalateAfter apart), not
        // when its tenant's outbox got it through (three outboxes, which a loaded machine may serve in any order).
        Assert.True(first.Date < second.Date && second.Date < third.Date, $"{first.Date:O} {second.Date:O} {third.Date:O}");
        // Each rung reached its own level of the tree and no other: the coordinator and the chair did not get the
        // owners' rung, the owner and the chair not the coordinator's, the owner and the coordinator not the chair's.
        // (Other tests give co-owners of this commitment contacts too; they rightly get the owners' rung.)
        var forThis = mail.Where(m => m.Commitment() == commitment && m.Kind() == "escalation").ToList();
        Assert.DoesNotContain(forThis, m => m.Level() == "1" && (m.IsTo(EmailHostFixture.CoordinatorAddress) || m.IsTo(EmailHostFixture.ChairAddress)));
        Assert.DoesNotContain(forThis, m => m.Level() == "2" && (m.IsTo(EmailHostFixture.OwnerAddress) || m.IsTo(EmailHostFixture.ChairAddress)));
        Assert.DoesNotContain(forThis, m => m.Level() == "3" && (m.IsTo(EmailHostFixture.OwnerAddress) || m.IsTo(EmailHostFixture.CoordinatorAddress)));

        // Each names the commitment and links to its page as the reader's own tenant sees it.
        Assert.Contains($"{EmailHostFixture.PublicUrl}commitments/{host.Scope.Tmp.Id}/{commitment}", first.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{EmailHostFixture.PublicUrl}commitments/{host.Scope.Forum.Id}/{commitment}", second.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{EmailHostFixture.PublicUrl}commitments/network/{commitment}", third.TextBody, StringComparison.Ordinal);
        Assert.Contains(commitment, first.HtmlBody, StringComparison.Ordinal);
        // The link works: the web app has the page (a reader not signed in is sent to sign in, and back there after).
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var page = await browser.GetAsync(new Uri($"commitments/{host.Scope.Tmp.Id}/{commitment}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains(Uri.EscapeDataString($"/commitments/{host.Scope.Tmp.Id}/{commitment}"), page.Headers.Location!.ToString(), StringComparison.Ordinal);

        // Once: the instance waits for progress now; nothing more comes for these rungs, and no e-mail came twice.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var later = host.Smtp.Messages;
        Assert.Single(later.Escalations(EmailHostFixture.OwnerAddress, commitment, 1));
        Assert.Single(later.Escalations(EmailHostFixture.CoordinatorAddress, commitment, 2));
        Assert.Single(later.Escalations(EmailHostFixture.ChairAddress, commitment, 3));
        Assert.Equal(later.Count, later.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task The_owners_escalation_also_reaches_their_system_as_one_signed_webhook_call()
    {
        var commitment = host.TmpCommitmentId;
        var calls = await Eventually.ReadAsync(() => Task.FromResult(host.Receiver.Calls("tmp")),
            c => c.Any(call => Json(call)["commitmentId"]?.GetValue<string>() == commitment && Json(call)["level"]?.GetValue<int>() == 1), Ladder);

        var call = Assert.Single(calls, c => Json(c)["commitmentId"]?.GetValue<string>() == commitment && Json(c)["level"]?.GetValue<int>() == 1);
        Assert.Equal("EscalationRaised", call.Event);
        Assert.True(Network.Domain.Webhooks.WebhookSignature.Verify(host.WebhookSecret, call.Body, call.Signature));
        Assert.False(Network.Domain.Webhooks.WebhookSignature.Verify("another secret", call.Body, call.Signature));
        // The e-mail of the same rung went to the owner's contact too.
        Assert.NotEmpty(await Eventually.ReadAsync(() => Task.FromResult(host.Smtp.Messages.Escalations(EmailHostFixture.OwnerAddress, commitment, 1)), m => m.Count > 0));
    }

    private static System.Text.Json.Nodes.JsonNode Json(ReceivedCall call) => System.Text.Json.Nodes.JsonNode.Parse(call.Body)!;

    [Fact]
    public async Task The_owners_check_ins_gather_into_a_digest_instead_of_one_email_each()
    {
        var mail = await Eventually.ReadAsync(() => Task.FromResult(host.Smtp.Messages),
            m => m.To(EmailHostFixture.OwnerAddress).Any(e => e.Kind() == "digest"), TimeSpan.FromSeconds(45));

        var digest = mail.To(EmailHostFixture.OwnerAddress).First(e => e.Kind() == "digest");
        Assert.Equal("fr", digest.Language());
        // Several check-ins (one every 2 s, gathered for 10 s) in one e-mail, with the commitment's link.
        Assert.True(CountOf(host.TmpCommitmentId, digest.TextBody) >= 2, digest.TextBody);
        Assert.Contains($"{EmailHostFixture.PublicUrl}commitments/{host.Scope.Tmp.Id}/{host.TmpCommitmentId}", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(mail.To(EmailHostFixture.OwnerAddress), e => e.Kind() == "check-in");
    }

    [Fact]
    public async Task An_unsubscribe_link_stops_that_kind_of_email_and_nothing_else()
    {
        // A second coordinator contact of the forum, only for this test: it gets the second rung of every commitment.
        const string leo = "leo@forum.example.org";
        using var root = host.As(host.BootstrapKey);
        var profile = (await root.GetFromJsonAsync<OrganisationProfileResource>($"api/tenants/{host.Scope.Forum.Id}/profile"))!;
        using var put = await root.PutAsJsonAsync($"api/tenants/{host.Scope.Forum.Id}/profile",
            profile with { Contacts = [.. profile.Contacts, new ContactPersonResource("Leo Martin", "deputy", leo, "en")] });
        await TestApi.EnsureStatusAsync(put, HttpStatusCode.OK);
        using var coordinator = host.As(host.Scope.CoordinatorKey);
        var commitments = await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{host.Scope.Forum.Id}/commitments?limit=200");
        var other = commitments!.Items.First(c => c.Id != host.TmpCommitmentId).Id;
        await ReportProgressAsync(coordinator, host.Scope.Forum.Id, other);
        var mail = await Eventually.ReadAsync(() => Task.FromResult(host.Smtp.Messages),
            m => m.Escalations(leo, other, 2).Count > 0, Ladder);
        var link = mail.Escalations(leo, other, 2)[0].UnsubscribeLink();

        // Opening the link only asks (mail scanners open links); the POST stops it.
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var relative = new Uri(link.PathAndQuery.TrimStart('/'), UriKind.Relative);
        using var ask = await anonymous.GetAsync(relative);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("<form method=\"post\"", await ask.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var tampered = await anonymous.PostAsync(new Uri(relative + "x", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        using var stop = await anonymous.PostAsync(relative, null);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);

        var after = (await root.GetFromJsonAsync<OrganisationProfileResource>($"api/tenants/{host.Scope.Forum.Id}/profile"))!;
        var stopped = after.Contacts.Single(c => c.Email == leo);
        Assert.Equal(new ContactReceivesResource("none", "digest"), stopped.Receives);
        Assert.Equal(new ContactReceivesResource("immediate", "digest"), after.Contacts.Single(c => c.Email == EmailHostFixture.CoordinatorAddress).Receives);

        // The ladder climbs again for that commitment: Rosa gets the second rung once more, Leo does not.
        var leoBefore = host.Smtp.Messages.Escalations(leo, other, 2).Count;
        var rosaBefore = host.Smtp.Messages.Escalations(EmailHostFixture.CoordinatorAddress, other, 2).Count;
        await ReportProgressAsync(coordinator, host.Scope.Forum.Id, other);
        var again = await Eventually.ReadAsync(() => Task.FromResult(host.Smtp.Messages),
            m => m.Escalations(EmailHostFixture.CoordinatorAddress, other, 2).Count > rosaBefore, Ladder);
        Assert.True(again.Escalations(EmailHostFixture.CoordinatorAddress, other, 2).Count > rosaBefore);
        Assert.Equal(leoBefore, again.Escalations(leo, other, 2).Count);
    }

    /// <summary>The forum's coordinator reports for the home tenant (a coordinator over the home tenant may).</summary>
    private static async Task ReportProgressAsync(HttpClient coordinator, string homeTenantId, string commitmentId)
    {
        using var response = await coordinator.PostAsJsonAsync(
            $"api/tenants/{homeTenantId}/commitments/{commitmentId}/progress", new ReportProgressRequest("limited", "A step taken.", null));
        await TestApi.EnsureStatusAsync(response, HttpStatusCode.OK);
    }

    private static int CountOf(string text, string? body) =>
        body is null ? 0 : (body.Length - body.Replace(text, "", StringComparison.Ordinal).Length) / text.Length;
}
