using System.Text.Json;
using Network.Domain.Commitments;
using Network.Domain.Links;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Domain.Tests.Support;

namespace Network.Domain.Tests.Links;

/// <summary>
/// Tenant links in the grains: an integration key makes a link, the events of a commitment reach the links of the
/// tenants it concerns (and only those with a link), a link outbox keeps what the broker refused and sends it in
/// order once it is back, a link message is applied once per id, and no tenant's key may touch the link grains.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantLinkTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private RecordingLinkTransport Transport => fixture.LinkTransport;

    private sealed record World(TenantPath Home, TenantPath Owner, TenantPath CoOwner, TenantPath Foreign);

    private async Task<World> WorldAsync()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        async Task<TenantPath> Child(TenantPath parent, string prefix) =>
            (await Grains.GetGrain<ITenantGrain>(parent.Value)
                .CreateChild(new NewTenant($"{prefix}-{Guid.NewGuid().ToString("N")[..8]}", prefix.ToUpperInvariant(), "organisation"))).Path;
        var home = await Child(root, "forum");
        return new World(home, await Child(home, "tmp"), await Child(home, "gcm"), await Child(root, "other"));
    }

    private async Task LinkAsync(TenantPath tenant)
    {
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(tenant.Parent!.Value, TenantRole.Coordinator, "k"));
        await Grains.GetGrain<ITenantGrain>(tenant.Value).IssueKey(TenantRole.Integration, "their CRM");
    }

    private async Task<ICommitmentGrain> ImportedAsync(World world)
    {
        var id = "c-" + Guid.NewGuid().ToString("N")[..8];
        var grain = Grains.GetGrain<ICommitmentGrain>(TenantScopedKey.For(world.Home, id));
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(world.Home, TenantRole.Coordinator, "k"));
        await grain.Import(new CommitmentDraft(
            id, "gfmd-2016-c", "Creating welcoming societies", 1, "GFMD Germany, June 2017", 1, "A campaign", "TMP and GCM",
            new DateOnly(2017, 6, 30), [], [new CommitmentOwner("TMP", world.Owner.Value), new CommitmentOwner("GCM", world.CoOwner.Value)],
            [], null, null, null, CommitmentStatuses.NotStarted));
        return grain;
    }

    private static TenantCaller Integration(TenantPath tenant) => TenantCaller.ForKey(tenant, TenantRole.Integration, "crm");

    [Fact]
    public async Task An_integration_key_makes_a_link_and_other_keys_do_not()
    {
        var world = await WorldAsync();
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Home, TenantRole.Coordinator, "k")))
        {
            await Grains.GetGrain<ITenantGrain>(world.CoOwner.Value).IssueKey(TenantRole.Member, "a person");
        }
        await LinkAsync(world.Owner);

        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var linked = await Grains.GetGrain<ITenantLinkDirectoryGrain>(ITenantLinkDirectoryGrain.Key).Linked([world.Owner.Value, world.CoOwner.Value]);
        Assert.Equal([world.Owner.TenantId], linked);
    }

    [Fact]
    public async Task A_commitments_events_reach_the_links_of_the_tenants_it_concerns_once_each()
    {
        var world = await WorldAsync();
        await LinkAsync(world.Owner);
        var commitment = await ImportedAsync(world);
        using (TenantCallContext.Enter(Integration(world.Owner)))
        {
            await commitment.ReportProgress(new ProgressUpdate("limited", "first steps", null, "tmp|crm-1"));
        }

        var published = await Eventually.ReadAsync(() => Task.FromResult(Transport.PublishedTo(world.Owner.TenantId)), list => list.Count >= 2);
        Assert.Equal(["CommitmentRecorded", "ProgressReported"], published.Select(m => m.Type));
        using var progress = JsonDocument.Parse(published[1].Json);
        Assert.Equal(world.Owner.TenantId, progress.RootElement.GetProperty("tenantId").GetString());
        Assert.Equal(world.Home.Value, progress.RootElement.GetProperty("homeTenant").GetString());
        Assert.Equal("limited", progress.RootElement.GetProperty("status").GetString());
        Assert.EndsWith("@" + world.Owner.TenantId, published[1].MessageId, StringComparison.Ordinal);
        // GCM owns it too but has no link: nothing is kept for it.
        Assert.Empty(Transport.PublishedTo(world.CoOwner.TenantId));
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        Assert.Equal(0, await Grains.GetGrain<ITenantLinkOutboxGrain>(world.CoOwner.TenantId).Pending());
    }

    [Fact]
    public async Task A_commitment_queues_its_link_messages_in_the_write_of_its_change()
    {
        var world = await WorldAsync();
        await LinkAsync(world.Owner);
        var tenantId = world.Owner.TenantId;
        var commitment = await ImportedAsync(world);
        var outbox = Grains.GetGrain<ITenantLinkOutboxGrain>(tenantId);
        // The import's own messages are sent by a pass that writes the outbox when they went: let it finish first, so
        // the count below is not taken in the middle of it.
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            await Eventually.ReadAsync(outbox.Pending, pending => pending == 0);
        }
        Transport.SetDown(tenantId, true);
        var outboxWrites = fixture.StateStorage.StoredVersion("tenant-link-outbox", outbox.GetGrainId());
        using (TenantCallContext.Enter(Integration(world.Owner)))
        {
            await commitment.ReportProgress(new ProgressUpdate("substantial", "queued with the change", null, "tmp|crm-q1"));
        }

        // Stored when the call returned, in the link outbox's queue, without a write of the outbox itself.
        var queued = await fixture.StateStorage.QueuedAsync(Network.Domain.Storage.StateQueues.LinkOutbox, tenantId, 10);
        var progress = Assert.Single(queued, row => row.Kind == "ProgressReported");
        Assert.Equal(commitment.GetPrimaryKeyString(), progress.Source);
        Assert.EndsWith("@" + tenantId, progress.Key, StringComparison.Ordinal);
        Assert.Equal(outboxWrites, fixture.StateStorage.StoredVersion("tenant-link-outbox", outbox.GetGrainId()));

        Transport.SetDown(tenantId, false);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        await outbox.SendPending();
        await Eventually.ReadAsync(outbox.Pending, pending => pending == 0);
        Assert.Contains(Transport.PublishedTo(tenantId), m => m.MessageId == progress.Key);
        Assert.True(await fixture.StateStorage.ContainsAsync(Network.Domain.Storage.StateKeySets.SentLinkMessageIds, tenantId, progress.Key));
    }

    [Fact]
    public async Task A_link_outbox_keeps_what_the_broker_refused_and_sends_it_in_order_once_it_is_back()
    {
        var world = await WorldAsync();
        await LinkAsync(world.Owner);
        var tenantId = world.Owner.TenantId;
        Transport.SetDown(tenantId, true);
        var outbox = Grains.GetGrain<ITenantLinkOutboxGrain>(tenantId);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        LinkMessage Message(int n) => new($"m-{n}", "ProgressReported", $$"""{"n":{{n}}}""");

        await outbox.Enqueue([Message(1), Message(2)]);
        await outbox.Enqueue([Message(2), Message(3)]);
        Assert.Equal(3, await outbox.Pending());
        Assert.Empty(Transport.PublishedTo(tenantId));

        Transport.SetDown(tenantId, false);
        var sent = await Eventually.ReadAsync(() => Task.FromResult(Transport.PublishedTo(tenantId)), list => list.Count >= 3);
        Assert.Equal(["m-1", "m-2", "m-3"], sent.Select(m => m.MessageId));
        Assert.Equal(0, await outbox.Pending());

        // Handed on again after it went out (a crash of whoever handed it on): not sent twice.
        await outbox.Enqueue([Message(3)]);
        await outbox.Enqueue([Message(1)]);
        Assert.Equal(0, await outbox.Pending());
        Assert.Equal(3, Transport.PublishedTo(tenantId).Count);
        // The sent ids are members of their set, not part of the outbox's state, which stays small however many went out.
        var stored = System.Text.Json.Nodes.JsonNode.Parse(fixture.StateStorage.StoredJson("tenant-link-outbox", outbox.GetGrainId())!)!;
        Assert.Empty(stored["sentIds"]!.AsArray());
        foreach (var id in new[] { "m-1", "m-2", "m-3" })
        {
            Assert.True(await fixture.StateStorage.ContainsAsync(Network.Domain.Storage.StateKeySets.SentLinkMessageIds, tenantId, id));
        }
    }

    [Fact]
    public async Task A_backlog_goes_out_in_order_with_one_write_per_run_of_sends()
    {
        var world = await WorldAsync();
        await LinkAsync(world.Owner);
        var tenantId = world.Owner.TenantId;
        var outbox = Grains.GetGrain<ITenantLinkOutboxGrain>(tenantId);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var count = (2 * TenantLinkOutboxGrain.SendBatch) + 50;
        var messages = Enumerable.Range(1, count).Select(n => new LinkMessage($"b-{n}", "ProgressReported", $$"""{"n":{{n}}}""")).ToList();
        Transport.SetDown(tenantId, true);
        await outbox.Enqueue(messages);
        var writtenBefore = fixture.StateStorage.StoredVersion("tenant-link-outbox", outbox.GetGrainId());

        Transport.SetDown(tenantId, false);
        await outbox.SendPending();
        await Eventually.ReadAsync(outbox.Pending, pending => pending == 0);

        Assert.Equal(messages.Select(m => m.MessageId), Transport.PublishedTo(tenantId).Select(m => m.MessageId));
        // Three runs (100, 100, 50): three writes deleting what each sent, not one per message.
        Assert.Equal(writtenBefore + 3, fixture.StateStorage.StoredVersion("tenant-link-outbox", outbox.GetGrainId()));
    }

    [Fact]
    public async Task One_sources_refused_message_holds_back_its_later_ones_but_not_other_sources()
    {
        var world = await WorldAsync();
        await LinkAsync(world.Owner);
        var tenantId = world.Owner.TenantId;
        var outbox = Grains.GetGrain<ITenantLinkOutboxGrain>(tenantId);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        LinkMessage Message(string source, int n) => new($"{source}-{n}", "ProgressReported", $$"""{"n":{{n}}}""", source);
        Transport.RefuseOnce("a-1");

        await outbox.Enqueue([Message("a", 1), Message("b", 1), Message("a", 2), Message("b", 2)]);

        // b's messages went out at once; a's second waits behind its refused first rather than overtaking it.
        await Eventually.ReadAsync(() => Task.FromResult(Transport.PublishedTo(tenantId)), list => list.Count >= 2);
        Assert.Equal(["b-1", "b-2"], Transport.PublishedTo(tenantId).Select(m => m.MessageId));
        // The retry (a second later) sends a's in order.
        var sent = await Eventually.ReadAsync(() => Task.FromResult(Transport.PublishedTo(tenantId)), list => list.Count >= 4);
        Assert.Equal(["b-1", "b-2", "a-1", "a-2"], sent.Select(m => m.MessageId));
        Assert.Equal(0, await outbox.Pending());
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_holds_up_nobody_handing_events_on()
    {
        var world = await WorldAsync();
        var tenantId = world.Owner.TenantId;
        Transport.SetHanging(tenantId, true);
        var outbox = Grains.GetGrain<ITenantLinkOutboxGrain>(tenantId);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        await outbox.Enqueue([new LinkMessage("h-1", "ProgressReported", "{}")]);

        // The first send now waits for the broker (until its 10 s timeout); the next event is still taken at once.
        var second = outbox.Enqueue([new LinkMessage("h-2", "ProgressReported", "{}")]);
        Assert.Same(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.Equal(2, await outbox.Pending());

        Transport.SetHanging(tenantId, false);
        var sent = await Eventually.ReadAsync(() => Task.FromResult(Transport.PublishedTo(tenantId)), list => list.Count >= 2);
        Assert.Equal(["h-1", "h-2"], sent.Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_link_message_is_applied_once_per_id_and_only_where_the_sender_reaches()
    {
        var world = await WorldAsync();
        var commitment = await ImportedAsync(world);

        using (TenantCallContext.Enter(Integration(world.Owner)))
        {
            await commitment.ReportProgress(new ProgressUpdate("limited", "once", null, "tmp|crm-7"));
            await commitment.ReportProgress(new ProgressUpdate("limited", "once", null, "tmp|crm-7"));
            await commitment.ExpressInterest(new InterestExpression("we would like to help", "tmp|crm-8"));
            await commitment.ExpressInterest(new InterestExpression("we would like to help", "tmp|crm-8"));
            var snapshot = (await commitment.Describe())!;
            Assert.Single(snapshot.RecentHistory, h => h.Entry.Kind == "progress");
            Assert.Single(snapshot.RecentHistory, h => h.Entry.Kind == "interest");
        }
        using (TenantCallContext.Enter(Integration(world.Foreign)))
        {
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() =>
                commitment.ReportProgress(new ProgressUpdate("complete", "not mine", null, "other|crm-1")));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => commitment.ExpressInterest(new InterestExpression(null, "other|crm-2")));
        }
    }

    [Fact]
    public async Task No_tenant_key_may_touch_the_link_grains()
    {
        var world = await WorldAsync();
        await LinkAsync(world.Owner);
        var directory = Grains.GetGrain<ITenantLinkDirectoryGrain>(ITenantLinkDirectoryGrain.Key);
        var outbox = Grains.GetGrain<ITenantLinkOutboxGrain>(world.Owner.TenantId);
        foreach (var caller in new[] { Integration(world.Owner), TenantCaller.ForKey(world.Home, TenantRole.Coordinator, "k"), Integration(world.Foreign) })
        {
            using var _ = TenantCallContext.Enter(caller);
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => directory.List());
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => directory.Add(world.Foreign.TenantId, world.Foreign.Value));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => outbox.Enqueue([new LinkMessage("forged", "ProgressReported", "{}")]));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => outbox.Pending());
        }
    }
}
