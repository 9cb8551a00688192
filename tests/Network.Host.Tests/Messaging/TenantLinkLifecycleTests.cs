using System.Text.RegularExpressions;
using Network.Contracts.Messaging;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Messaging;

/// <summary>
/// When a tenant's link opens and closes, seen from the broker: revoking the last integration key closes it, and a
/// partner publishing while it opens never has a confirmed message dropped.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class TenantLinkLifecycleTests(RabbitMqServer broker)
{
    [Fact]
    public async Task Revoking_the_last_integration_key_closes_the_link_and_a_new_key_opens_it_again()
    {
        await using var forum = await LinkedForum.StartAsync(broker);
        var tmp = forum.Scope.Tmp.Id;
        var inbound = TenantLinks.InboundExchange(tmp);
        var outbound = TenantLinks.OutboundExchange(tmp);
        using var root = forum.Root();
        var second = await root.IssueKeyAsync(tmp, "integration", "TMP's second system");

        // One of two keys revoked: the other still publishes, so the link stays.
        await Revoke(root, tmp, forum.TmpKeyId);
        Assert.True(await forum.ExchangeExistsAsync(inbound));
        Assert.True(await forum.QueueExistsAsync(inbound));

        // The last one: its exchanges, queue and consumer go before the revocation is answered.
        await Revoke(root, tmp, second.Id);
        Assert.False(await forum.ExchangeExistsAsync(inbound), $"{inbound} is still there.\n{forum.Host.Output}");
        Assert.False(await forum.QueueExistsAsync(inbound), $"the queue {inbound} is still there");
        Assert.False(await forum.ExchangeExistsAsync(outbound), $"{outbound} is still there");

        // The periodic check (every 10 s) does not open it again.
        await Task.Delay(TimeSpan.FromSeconds(12));
        Assert.False(await forum.ExchangeExistsAsync(inbound), $"{inbound} was opened again.\n{forum.Host.Output}");

        // A new integration key opens it again, and what its systems send is applied.
        var third = await root.IssueKeyAsync(tmp, "integration", "TMP's new CRM");
        Assert.True(await forum.ExchangeExistsAsync(inbound));
        await forum.PublishPlainAsync(nameof(ReportProgress),
            LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "limited", "crm-after-reopen"), third.Key);
        await Eventually.ReadAsync(() => forum.CommitmentAsync(forum.OwnCommitment), c => c.Status == "limited");
    }

    /// <summary>
    /// A link whose opening is held up between declaring the inbound exchange and binding its queue to it (here: the
    /// host's broker user may not read from that exchange, which binding needs, until the test allows it), and is
    /// finished later. A partner that already has its key publishes as soon as it can; every message the broker
    /// confirmed must be applied.
    /// </summary>
    [Fact]
    public async Task A_message_published_while_the_link_opens_is_never_dropped_once_the_broker_confirmed_it()
    {
        var hostUser = ($"host-{Guid.NewGuid():N}"[..16], "host-password");
        await broker.AddUserAsync(hostUser.Item1, hostUser.Item2, ".*", ".*", ".*");
        await using var forum = await LinkedForum.StartAsync(broker, hostUser: hostUser);
        var gcm = forum.Scope.Gcm.Id;
        var inbound = TenantLinks.InboundExchange(gcm);
        var commitment = (await forum.ListAsync(gcm))[0].Id;
        using var root = forum.Root();

        await broker.CtlAsync("set_permissions", "-p", "/", hostUser.Item1, ".*", ".*", $"^(?!{Regex.Escape(inbound)}$).*");
        // The answer comes once the opening succeeded, failed or gave up (at most 15 s): the key is stored either way.
        var key = (await root.IssueKeyAsync(gcm, "integration", "GCM's system")).Key;

        // The partner publishes at once, as any system given a key would.
        var confirmed = 0;
        var attempt = 0;
        for (; attempt < 5; attempt++)
        {
            if (await forum.TryPublishPlainAsync(nameof(ReportProgress),
                    LinkedForum.ReportProgress(gcm, commitment, "limited", $"gcm-window-{attempt}", $"window {attempt}"), key, inbound))
            {
                confirmed++;
            }
        }

        // Allowed now: the link opens (the periodic check, or the bus's own retries); the partner resends what was refused.
        await broker.CtlAsync("set_permissions", "-p", "/", hostUser.Item1, ".*", ".*", ".*");
        await Eventually.ReadAsync(async () =>
        {
            var sent = await forum.TryPublishPlainAsync(nameof(ReportProgress),
                LinkedForum.ReportProgress(gcm, commitment, "limited", $"gcm-window-{attempt}", $"window {attempt}"), key, inbound);
            attempt++;
            confirmed += sent ? 1 : 0;
            return sent;
        }, sent => sent, TimeSpan.FromSeconds(60));

        var applied = await Eventually.ReadAsync(() => forum.ProgressCountAsync(commitment), count => count >= confirmed, TimeSpan.FromSeconds(60));
        Assert.True(applied == confirmed,
            $"The broker confirmed {confirmed} message(s) to {inbound}, but {applied} were applied.\n{forum.Host.Output}");
        await forum.DrainedAsync(inbound);
        Assert.Equal(confirmed, await forum.ProgressCountAsync(commitment));
    }

    private static async Task Revoke(HttpClient root, string tenantId, string keyId)
    {
        using var revoked = await root.DeleteAsync(new Uri($"api/tenants/{tenantId}/keys/{keyId}", UriKind.Relative));
        await Infrastructure.Api.EnsureStatusAsync(revoked, System.Net.HttpStatusCode.NoContent);
    }
}
