using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Network.Contracts.Audit;
using Network.Contracts.Commitments;
using Network.Contracts.Messaging;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Messaging;

/// <summary>
/// Tenant links end to end, against Debian's RabbitMQ and the built host (Messaging:Transport=RabbitMq): a partner's
/// system that is not .NET talks plain JSON over AMQP, and the network answers on the partner's outbound exchange.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class TenantLinkTests(RabbitMqServer broker)
{
    [Fact]
    public async Task A_plain_json_progress_report_updates_the_commitment_resumes_its_workflow_and_goes_out_once()
    {
        await using var forum = await LinkedForum.StartAsync(broker);
        var tmp = forum.Scope.Tmp.Id;
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

        await forum.PublishPlainAsync(nameof(ReportProgress),
            LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "substantial", "crm-1", "Training held in Dakar"), forum.TmpKey,
            traceParent: $"00-{traceId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16]}-01");

        var updated = await Eventually.ReadAsync(() => forum.CommitmentAsync(forum.OwnCommitment), c => c.Status == "substantial");
        Assert.Equal("substantial", updated.Status);
        var entry = Assert.Single(updated.History, h => h.Kind == "progress");
        Assert.Equal("Training held in Dakar", entry.Note);
        Assert.StartsWith(forum.Scope.Tmp.Path, entry.By, StringComparison.Ordinal);

        // The commitment's lifecycle took the progress, under the message's trace id.
        var journal = await Eventually.ReadAsync(
            () => forum.Coordinator.GetFromJsonAsync<List<JournalEntryResource>>(
                $"api/tenants/{forum.Scope.Forum.Id}/workflow-instances/commitment-lifecycle--{forum.OwnCommitment}/journal"),
            lines => lines!.Exists(j => j.Kind == "event-received"));
        var resumed = Assert.Single(journal!, j => j.Kind == "event-received");
        Assert.Equal(traceId, resumed.TraceId);

        // TMP heard of the commitment when it was recorded.
        await forum.ReceiveAsync(forum.OutQueue,
            m => m.BasicProperties.Type == nameof(CommitmentRecorded) && LinkedForum.Text(m).Contains(forum.OwnCommitment, StringComparison.Ordinal));

        // Out on TMP's exchange, for TMP, as a MassTransit envelope with the contract's name in the AMQP type.
        var reported = await forum.ReceiveAsync(forum.OutQueue, m => m.BasicProperties.Type == nameof(ProgressReported));
        using (var envelope = JsonDocument.Parse(LinkedForum.Text(reported)))
        {
            var message = envelope.RootElement.GetProperty("message");
            Assert.Equal(forum.OwnCommitment, message.GetProperty("commitmentId").GetString());
            Assert.Equal("substantial", message.GetProperty("status").GetString());
            Assert.Equal(tmp, message.GetProperty("tenantId").GetString());
            Assert.Equal(forum.Scope.Forum.Path, message.GetProperty("homeTenant").GetString());
        }

        // The same message again, then a new one: only the new one is applied.
        await forum.PublishPlainAsync(nameof(ReportProgress),
            LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "substantial", "crm-1", "Training held in Dakar"), forum.TmpKey);
        await forum.PublishPlainAsync(nameof(ReportProgress),
            LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "complete", "crm-2"), forum.TmpKey);
        await Eventually.ReadAsync(() => forum.CommitmentAsync(forum.OwnCommitment), c => c.Status == "complete");
        await forum.DrainedAsync(forum.InExchange);
        Assert.Equal(2, await forum.ProgressCountAsync(forum.OwnCommitment));
        Assert.Equal(0, await forum.QueueDepthAsync(forum.ErrorQueue));
    }

    [Fact]
    public async Task Messages_without_a_valid_key_of_the_tenant_or_naming_what_it_cannot_reach_are_refused_with_the_reason()
    {
        await using var forum = await LinkedForum.StartAsync(broker);
        var tmp = forum.Scope.Tmp.Id;
        using var root = forum.Root();
        var gcmKey = (await root.IssueKeyAsync(forum.Scope.Gcm.Id, "integration", "GCM's system")).Key;
        var tmpMemberKey = (await root.IssueKeyAsync(tmp, "member", "a person at TMP")).Key;
        var before = await forum.CommitmentAsync(forum.ForeignCommitment);

        async Task<string> RefusedAsync(object body, string? key, string because)
        {
            await forum.PublishPlainAsync(nameof(ReportProgress), body, key);
            var refused = await forum.ReceiveAsync(forum.ErrorQueue, _ => true);
            var reason = LinkedForum.FaultOf(refused);
            Assert.Contains(because, reason, StringComparison.Ordinal);
            return reason;
        }

        await RefusedAsync(LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "limited", "no-key"), null, "no 'network-key' header");
        await RefusedAsync(LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "limited", "bad-key"), "nwk_not-a-key", "unknown or revoked");
        await RefusedAsync(LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "limited", "member-key"), tmpMemberKey, "integration keys only");
        await RefusedAsync(LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "limited", "gcm-key"), gcmKey, $"belongs to tenant '{forum.Scope.Gcm.Id}'");
        await RefusedAsync(LinkedForum.ReportProgress(forum.Scope.Gcm.Id, forum.ForeignCommitment, "limited", "as-gcm"), forum.TmpKey, "speaks only for itself");
        await RefusedAsync(LinkedForum.ReportProgress(tmp, forum.ForeignCommitment, "limited", "foreign"), forum.TmpKey, $"no commitment '{forum.ForeignCommitment}'");
        await RefusedAsync(LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "finished", "bad-status"), forum.TmpKey, "status");

        // A plain JSON body must say what it is.
        await forum.PublishPlainAsync("", LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "limited", "no-type"), forum.TmpKey);
        Assert.Contains("AMQP 'type' property", LinkedForum.FaultOf(await forum.ReceiveAsync(forum.ErrorQueue, _ => true)), StringComparison.Ordinal);

        // Nor may it name a message tenants do not send, or be anything but a JSON object.
        await forum.PublishPlainAsync(nameof(ProgressReported), LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "limited", "wrong-way"), forum.TmpKey);
        Assert.Contains("not a message tenants send", LinkedForum.FaultOf(await forum.ReceiveAsync(forum.ErrorQueue, _ => true)), StringComparison.Ordinal);
        await forum.PublishPlainAsync(nameof(ReportProgress), "status: limited", forum.TmpKey);
        Assert.Contains("must be a JSON object", LinkedForum.FaultOf(await forum.ReceiveAsync(forum.ErrorQueue, _ => true)), StringComparison.Ordinal);

        // Nothing of it was applied.
        Assert.Equal(before.History.Count, (await forum.CommitmentAsync(forum.ForeignCommitment)).History.Count);
        Assert.Equal(0, await forum.ProgressCountAsync(forum.OwnCommitment));

        // Each refusal is in the audit trail once: the link's own (no valid key, another tenant's name) and the
        // domain's (out of reach, invalid), each naming the message's id.
        var audit = (await forum.Coordinator.GetFromJsonAsync<AuditEntryPage>($"api/tenants/{forum.Scope.Forum.Id}/audit?limit=200"))!;
        var refusals = audit.Items.Where(e => e.Outcome == "refused").ToDictionary(e => e.Actor.MessageId ?? e.Id);
        foreach (var unsigned in new[] { "no-key", "bad-key", "member-key", "gcm-key" })
        {
            Assert.Equal(("message.refused", "unsigned", "bus"), (refusals[unsigned].Action, refusals[unsigned].Actor.Kind, refusals[unsigned].Actor.Door));
        }
        Assert.Contains("no 'network-key' header", refusals["no-key"].Reason, StringComparison.Ordinal);
        Assert.Equal(("message.refused", "integration"), (refusals["as-gcm"].Action, refusals["as-gcm"].Actor.Role));
        Assert.Equal(("commitment.progress", $"commitment/{forum.ForeignCommitment}"), (refusals["foreign"].Action, refusals["foreign"].Target));
        Assert.StartsWith("not found or out of reach", refusals["foreign"].Reason, StringComparison.Ordinal);
        Assert.StartsWith("invalid", refusals["bad-status"].Reason, StringComparison.Ordinal);
        Assert.Equal(refusals.Count, audit.Items.Count(e => e.Outcome == "refused"));
    }

    [Fact]
    public async Task The_UN_campaigns_structure_releases_the_commitment_that_waits_on_it()
    {
        await using var forum = await LinkedForum.StartAsync(broker);
        using var root = forum.Root();
        var un = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("un-together"), "UN Together campaign", "campaign", forum.Scope.Forum.Id);
        var unKey = (await root.IssueKeyAsync(un.Id, "integration", "campaign secretariat")).Key;
        var waitUri = $"api/tenants/{forum.Scope.Forum.Id}/workflow-instances/dependency-wait--{forum.BlockedCommitment}";
        Assert.Contains("wait-for-the-dependency", (await forum.Coordinator.GetFromJsonAsync<WorkflowInstanceResource>(waitUri))!.WaitingAt);

        await forum.PublishPlainAsync(nameof(AnnounceCampaignStructure), new
        {
            messageId = "structure-1",
            tenantId = un.Id,
            occurredAt = DateTimeOffset.UtcNow,
            campaignId = "together",
            dependency = forum.BlockedDependency,
            structure = "Regional hubs in Africa, Asia, Europe and the Americas",
        }, unKey, TenantLinks.InboundExchange(un.Id));

        var released = await Eventually.ReadAsync(
            () => forum.Coordinator.GetFromJsonAsync<WorkflowInstanceResource>(waitUri),
            instance => !instance!.WaitingAt.Contains("wait-for-the-dependency"), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("wait-for-the-dependency", released!.WaitingAt);
        var journal = (await forum.Coordinator.GetFromJsonAsync<List<JournalEntryResource>>(waitUri + "/journal"))!;
        Assert.Contains(journal, j => j.Kind == "event-received" && j.Step == "wait-for-the-dependency");
    }

    [Fact]
    public async Task CommitmentStalled_goes_out_when_no_progress_comes_within_stallAfter()
    {
        await using var forum = await LinkedForum.StartAsync(broker, stallAfter: "PT5S");

        var stalled = await forum.ReceiveAsync(forum.OutQueue,
            m => m.BasicProperties.Type == nameof(CommitmentStalled) && LinkedForum.Text(m).Contains(forum.OwnCommitment, StringComparison.Ordinal),
            TimeSpan.FromSeconds(90));
        using var envelope = JsonDocument.Parse(LinkedForum.Text(stalled));
        Assert.Equal(1, envelope.RootElement.GetProperty("message").GetProperty("stalls").GetInt32());

        // The ladder's first rung addresses the owners: TMP hears of it on its link too.
        var escalation = await forum.ReceiveAsync(forum.OutQueue,
            m => m.BasicProperties.Type == nameof(EscalationRaised) && LinkedForum.Text(m).Contains(forum.OwnCommitment, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
        using var raised = JsonDocument.Parse(LinkedForum.Text(escalation));
        Assert.Equal(1, raised.RootElement.GetProperty("message").GetProperty("level").GetInt32());
        Assert.Equal("owners", raised.RootElement.GetProperty("message").GetProperty("role").GetString());
    }
}
