using Network.Domain.Campaigns;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.Organisations;
using Network.Domain.Sessions;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Domain.Tests.Support;

namespace Network.Domain.Tests.Commitments;

/// <summary>
/// Commitment, session, organisation and campaign grains called directly: their owners and coordinators get in,
/// a foreign tenant's context is refused, whatever the HTTP layer does.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CommitmentGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private sealed record World(TenantPath Root, TenantPath Home, TenantPath Owner, TenantPath Bystander, TenantPath Foreign);

    private async Task<World> WorldAsync()
    {
        var (root, _) = await fixture.NewRootAsync();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        async Task<TenantPath> Child(TenantPath parent, string prefix, string kind) =>
            (await Grains.GetGrain<ITenantGrain>(parent.Value)
                .CreateChild(new NewTenant($"{prefix}-{Guid.NewGuid().ToString("N")[..8]}", prefix.ToUpperInvariant(), kind))).Path;
        var home = await Child(root, "forum", "platform");
        return new World(root, home, await Child(home, "tmp", "platform"), await Child(home, "ici", "organisation"), await Child(root, "other", "platform"));
    }

    private static CommitmentDraft Draft(string id, TenantPath owner) => new(
        id, "gfmd-2016-c", "Creating welcoming societies", 1, "GFMD Germany, June 2017", 1,
        "A campaign to generate solidarity", "TMP", new DateOnly(2017, 6, 30),
        [new CommitmentMilestone("launched by March 21", new DateOnly(2017, 3, 21))],
        [new CommitmentOwner("TMP", owner.Value), new CommitmentOwner("Groups that attended the PGA", null)],
        [new CommitmentContact("Jill Belisario", "shares information", null, null, null)],
        null, null, null, CommitmentStatuses.NotStarted);

    private async Task<ICommitmentGrain> ImportedAsync(World world)
    {
        var id = "c-" + Guid.NewGuid().ToString("N")[..8];
        var grain = Grains.GetGrain<ICommitmentGrain>(TenantScopedKey.For(world.Home, id));
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(world.Home, TenantRole.Coordinator, "k"));
        await grain.Import(Draft(id, world.Owner));
        return grain;
    }

    [Fact]
    public async Task Importing_twice_keeps_the_first_and_writes_the_list_row()
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(world.Home, TenantRole.Coordinator, "k"));
        var first = (await grain.Describe())!;

        var again = await grain.Import(first.Draft with { Text = "something else" });

        Assert.Equal("A campaign to generate solidarity", again.Draft.Text);
        Assert.Single(again.RecentHistory);
        var row = fixture.ReadModels.Row(grain.GetPrimaryKeyString())!;
        Assert.Equal((world.Home.Value, CommitmentStatuses.NotStarted, 1L), (row.HomeTenant, row.Status, row.StateVersion));
        Assert.Equal([world.Owner.Value], row.Owners);
    }

    [Theory]
    [InlineData(TenantRole.Member)]
    [InlineData(TenantRole.Coordinator)]
    public async Task Owners_and_coordinators_above_them_record_progress(TenantRole role)
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, role, "k"));

        var updated = await grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Limited, "drafted", "https://example.org/x"));

        Assert.Equal(CommitmentStatuses.Limited, updated.Status);
        Assert.Equal(2, updated.RecentHistory.Count);
        Assert.Equal(updated.RecentHistory[^1].Entry.At, updated.LastProgressAt);
        Assert.Equal(CommitmentStatuses.Limited, fixture.ReadModels.Row(grain.GetPrimaryKeyString())!.Status);
    }

    [Theory]
    [InlineData(TenantRole.Member)]
    [InlineData(TenantRole.Coordinator)]
    [InlineData(TenantRole.Integration)]
    public async Task A_foreign_tenant_context_is_refused_on_every_method(TenantRole role)
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(world.Foreign, role, "k"));

        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.Describe());
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.ReadHistory(0, 10));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Complete, null, null)));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.AssignOwners([new CommitmentOwner("x", world.Foreign.Value)], null));
        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.Import(Draft("x", world.Foreign)));
    }

    [Fact]
    public async Task History_entries_leave_the_stored_state_for_the_history_log_and_read_back_whole_in_order()
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, TenantRole.Member, "k"));
        string[] statuses = [CommitmentStatuses.Limited, CommitmentStatuses.Substantial, CommitmentStatuses.Stalled, CommitmentStatuses.Complete];
        foreach (var status in statuses)
        {
            await grain.ReportProgress(new ProgressUpdate(status, "now " + status, null));
        }

        var history = (await grain.ReadHistory(0, 100)).Select(line => line.Entry).ToList();
        var key = grain.GetPrimaryKeyString();
        var logged = await fixture.StateStorage.ReadAsync(Network.Domain.Storage.StateLogs.CommitmentHistory, key, 0, 100);
        var stored = System.Text.Json.Nodes.JsonNode.Parse(fixture.StateStorage.StoredJson(CommitmentState.StateName, grain.GetGrainId())!)!;

        Assert.Equal(["imported", .. statuses.Select(_ => "progress")], history.Select(h => h.Kind));
        Assert.Equal(["not-started", .. statuses], history.Select(h => h.Status));
        Assert.Equal([1L, 2, 3, 4, 5], logged.Select(r => r.Seq));
        Assert.Equal(history, logged.Select(row => CommitmentState.ReadHistoryLine(row).Entry));
        Assert.Empty(stored["history"]!.AsArray());
        Assert.Equal(5, stored["historyStored"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_long_history_travels_as_its_latest_entries_and_is_read_whole_a_page_at_a_time_even_after_reactivation()
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, TenantRole.Member, "k"));
        const int updates = CommitmentHistoryWindow.Recent + 10;
        CommitmentSnapshot last = null!;
        for (var i = 1; i <= updates; i++)
        {
            last = await grain.ReportProgress(new ProgressUpdate(i % 2 == 0 ? CommitmentStatuses.Substantial : CommitmentStatuses.Limited, $"update {i}", null));
        }
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Home, TenantRole.Coordinator, "k")))
        {
            await grain.AssignOwners([new CommitmentOwner("TMP", world.Owner.Value)], "same owner, noted");
        }

        // The answer of a write and of a read: the latest 50, numbered, and how many in all.
        Assert.Equal(CommitmentHistoryWindow.Recent, last.RecentHistory.Count);
        Assert.Equal(Enumerable.Range(12, CommitmentHistoryWindow.Recent).Select(i => (long)i), last.RecentHistory.Select(l => l.Seq));
        Assert.Equal($"update {updates}", last.RecentHistory[^1].Entry.Note);
        Assert.Equal(updates + 1, last.HistoryCount);
        var described = (await grain.Describe())!;
        Assert.Equal(updates + 2, described.HistoryCount);
        Assert.Equal("owners", described.RecentHistory[^1].Entry.Kind);
        // The latest progress is the last sign of life, though the latest entry is a change of owners.
        Assert.Equal(last.LastProgressAt, described.LastProgressAt);
        Assert.Equal(last.RecentHistory[^1].Entry.At, described.LastProgressAt);

        var whole = await grain.ReadHistory(0, int.MaxValue);
        Assert.Equal(Enumerable.Range(1, updates + 2).Select(i => (long)i), whole.Select(l => l.Seq));
        Assert.Equal("imported", whole[0].Entry.Kind);
        var page = await grain.ReadHistory(10, 5);
        Assert.Equal(["update 10", "update 11", "update 12", "update 13", "update 14"], page.Select(l => l.Entry.Note));
        Assert.Empty(await grain.ReadHistory(updates + 2, 10));

        // A new activation reads the same window back from the history table.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reactivated = (await grain.Describe())!;
        Assert.Equal(described.RecentHistory, reactivated.RecentHistory);
        Assert.Equal((described.HistoryCount, described.LastProgressAt), (reactivated.HistoryCount, reactivated.LastProgressAt));
    }

    [Fact]
    public async Task A_list_row_that_fails_after_the_stored_write_is_written_on_a_retry_and_the_call_succeeds()
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        var key = grain.GetPrimaryKeyString();
        var writesBefore = fixture.StateStorage.StoredVersion(CommitmentState.StateName, grain.GetGrainId());
        fixture.ReadModels.FailNextUpserts(key, 2);

        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, TenantRole.Member, "k")))
        {
            // The change is stored: the caller is told so, though its list row could not follow at once.
            var updated = await grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Substantial, "list down", null, "mirror-1"));
            Assert.Equal(CommitmentStatuses.Substantial, updated.Status);
        }

        Assert.NotEqual(CommitmentStatuses.Substantial, fixture.ReadModels.Row(key)!.Status);
        // Tried again after 1 s, then 2 s: the row follows without another change.
        var row = await Eventually.ReadAsync(() => Task.FromResult(fixture.ReadModels.Row(key)!), r => r.Status == CommitmentStatuses.Substantial);
        Assert.Equal(CommitmentStatuses.Substantial, row.Status);
        Assert.Equal(writesBefore + 1, fixture.StateStorage.StoredVersion(CommitmentState.StateName, grain.GetGrainId()));
    }

    [Fact]
    public async Task A_change_is_one_write_and_the_handed_on_events_leave_the_stored_outbox_by_deactivation()
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        var writesBefore = fixture.StateStorage.StoredVersion(CommitmentState.StateName, grain.GetGrainId());
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, TenantRole.Member, "k")))
        {
            await grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Limited, "one write", null, "w-1"));
        }

        // The change and its events in one write; their hand-over is not a second one.
        Assert.Equal(writesBefore + 1, fixture.StateStorage.StoredVersion(CommitmentState.StateName, grain.GetGrainId()));
        var stored = System.Text.Json.Nodes.JsonNode.Parse(fixture.StateStorage.StoredJson(CommitmentState.StateName, grain.GetGrainId())!)!;
        Assert.Contains(stored["outbox"]!.AsArray(), e => (string?)e!["name"] == "ProgressReported");

        // Handed on already, so the write at deactivation leaves them out.
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        stored = System.Text.Json.Nodes.JsonNode.Parse(fixture.StateStorage.StoredJson(CommitmentState.StateName, grain.GetGrainId())!)!;
        Assert.Empty(stored["outbox"]!.AsArray());
        Assert.Equal(writesBefore + 2, fixture.StateStorage.StoredVersion(CommitmentState.StateName, grain.GetGrainId()));
    }

    [Fact]
    public async Task A_message_applied_before_the_last_write_is_recognised_from_the_applied_ids_table()
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, TenantRole.Member, "k"));
        await grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Limited, "first", null, "m-1"));
        await grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Substantial, "second", null, "m-2"));

        var again = await grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Limited, "first", null, "m-1"));
        var stored = System.Text.Json.Nodes.JsonNode.Parse(fixture.StateStorage.StoredJson(CommitmentState.StateName, grain.GetGrainId())!)!;

        Assert.Equal(CommitmentStatuses.Substantial, again.Status);
        Assert.Equal(3, again.RecentHistory.Count);
        Assert.True(await grain.HasApplied("m-1"));
        Assert.False(await grain.HasApplied("m-3"));
        Assert.Empty(stored["appliedMessageIds"]!.AsArray());
        Assert.True(await fixture.StateStorage.ContainsAsync(Network.Domain.Storage.StateKeySets.AppliedMessageIds, grain.GetPrimaryKeyString(), "m-2"));

        // The redelivery's write claimed m-1 and stored nothing; the commitment goes on from what was stored.
        var interestAgain = await grain.ExpressInterest(new InterestExpression("again", "m-2"));
        var next = await grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Complete, "third", null, "m-3"));
        Assert.Equal(CommitmentStatuses.Substantial, interestAgain.Status);
        Assert.Equal(3, interestAgain.RecentHistory.Count);
        Assert.Equal(CommitmentStatuses.Complete, next.Status);
        Assert.Equal(["first", "second", "third"], next.RecentHistory.Skip(1).Select(h => h.Entry.Note));
    }

    [Fact]
    public async Task Messages_sent_at_once_are_stored_in_shared_writes_each_once_and_a_redelivery_among_them_changes_nothing()
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, TenantRole.Member, "k"));
        await grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Limited, "before", null, "m-before"));
        // A new activation, which does not remember the ids its writes claimed: only the table knows "m-before".
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await grain.Describe();
        var writesBefore = fixture.StateStorage.StoredVersion(CommitmentState.StateName, grain.GetGrainId());

        // The first of twenty new messages is being stored while the others come, one of them twice, the one applied
        // before again, and a bad one among them.
        var ids = Enumerable.Range(0, 20).Select(i => "m-" + i).ToList();
        var (held, release) = fixture.StateStorage.HoldNextWrite(grain.GetGrainId());
        var sent = new List<Task<CommitmentSnapshot>> { grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Substantial, "note m-0", null, "m-0")) };
        await held;
        sent.AddRange(ids.Skip(1).Select(id => grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Substantial, "note " + id, null, id))));
        var twice = grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Substantial, "note m-7", null, "m-7"));
        var redelivered = grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Limited, "before", null, "m-before"));
        var bad = grain.ReportProgress(new ProgressUpdate("done", null, null, "m-bad"));
        await Task.Delay(200);
        Assert.All(sent, call => Assert.False(call.IsCompleted));
        release();
        await Task.WhenAll(sent.Append(twice).Append(redelivered));
        await Assert.ThrowsAsync<DomainValidationException>(() => bad);

        var history = await grain.ReadHistory(0, 100);
        Assert.Equal(ids.Select(id => "note " + id).Order(StringComparer.Ordinal),
            history.Skip(2).Select(line => line.Entry.Note!).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, 22).Select(i => (long)i), history.Select(line => line.Seq));
        foreach (var id in ids.Append("m-before"))
        {
            Assert.True(await fixture.StateStorage.ContainsAsync(Network.Domain.Storage.StateKeySets.AppliedMessageIds, grain.GetPrimaryKeyString(), id));
        }
        Assert.False(await grain.HasApplied("m-bad"));
        // Stored in far fewer writes than messages: the first alone, the others together, the last ones in halves
        // around the redelivery (whose writes stored nothing; "m-7" again changed nothing without a write).
        var writes = fixture.StateStorage.StoredVersion(CommitmentState.StateName, grain.GetGrainId()) - writesBefore;
        Assert.InRange(writes, 3, 10);
        // Each change's event has an id of its own.
        var stored = System.Text.Json.Nodes.JsonNode.Parse(fixture.StateStorage.StoredJson(CommitmentState.StateName, grain.GetGrainId())!)!;
        var eventIds = stored["outbox"]!.AsArray().Select(e => (string)e!["id"]!).ToList();
        Assert.Equal(eventIds.Count, eventIds.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_sibling_of_the_owner_and_a_home_member_may_not_record_progress()
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Bystander, TenantRole.Coordinator, "k")))
        {
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.Describe());
        }
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Home, TenantRole.Member, "k")))
        {
            Assert.NotNull(await grain.Describe());
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Complete, null, null)));
            await Assert.ThrowsAsync<RoleForbiddenException>(() => grain.AssignOwners([], null));
        }
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, TenantRole.Member, "k")))
        {
            await Assert.ThrowsAsync<RoleForbiddenException>(() => grain.AssignOwners([], null));
        }
    }

    [Fact]
    public async Task Changing_owners_moves_who_is_admitted()
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Home, TenantRole.Coordinator, "k")))
        {
            var changed = await grain.AssignOwners([new CommitmentOwner("ICI", world.Bystander.Value)], "handed over");
            Assert.Equal("owners", changed.RecentHistory[^1].Entry.Kind);
        }
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Bystander, TenantRole.Member, "k")))
        {
            Assert.NotNull(await grain.Describe());
        }
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, TenantRole.Member, "k")))
        {
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => grain.Describe());
        }
    }

    [Fact]
    public async Task Bad_progress_is_refused_and_changes_nothing()
    {
        var world = await WorldAsync();
        var grain = await ImportedAsync(world);
        using var _ = TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, TenantRole.Member, "k"));

        Assert.Equal("status", (await Assert.ThrowsAsync<DomainValidationException>(() => grain.ReportProgress(new ProgressUpdate("done", null, null)))).Field);
        Assert.Equal("evidenceUrl", (await Assert.ThrowsAsync<DomainValidationException>(() =>
            grain.ReportProgress(new ProgressUpdate(CommitmentStatuses.Limited, null, "ftp://example.org")))).Field);
        Assert.Single((await grain.Describe())!.RecentHistory);
    }

    [Fact]
    public async Task Sessions_organisations_and_campaigns_refuse_foreign_contexts()
    {
        var world = await WorldAsync();
        var session = Grains.GetGrain<ISessionGrain>(TenantScopedKey.For(world.Home, "gfmd-2016-c"));
        var organisation = Grains.GetGrain<IOrganisationGrain>(OrganisationGrain.KeyFor(world.Owner));
        var campaign = Grains.GetGrain<ICampaignGrain>(TenantScopedKey.For(world.Home, "solidarity"));
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Home, TenantRole.Coordinator, "k")))
        {
            await session.Import(new SessionDraft("gfmd-2016-c", "GFMD", "C", "Creating welcoming societies", null, new DateOnly(2016, 12, 1), true, [], [], []));
            await organisation.Update(new OrganisationProfile("A platform", "https://example.org", [new ContactPerson("Jill Belisario", "focal point", null)]));
            await campaign.Define(new CampaignDefinition("ignored", "Solidarity campaign", new DateOnly(2017, 3, 21), [world.Owner.Value], [], []));
        }
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Foreign, TenantRole.Coordinator, "k")))
        {
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => session.Describe());
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => organisation.Describe());
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => organisation.Update(new OrganisationProfile(null, null, [])));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => campaign.Describe());
        }
        using (TenantCallContext.Enter(TenantCaller.ForKey(world.Owner, TenantRole.Member, "k")))
        {
            // A partner reads the campaign it is partner to; a member reads its own profile but may not change it.
            Assert.Equal("solidarity", (await campaign.Describe())!.Id);
            Assert.Equal("Jill Belisario", (await organisation.Describe()).Contacts.Single().Name);
            await Assert.ThrowsAsync<RoleForbiddenException>(() => organisation.Update(new OrganisationProfile(null, null, [])));
            await Assert.ThrowsAsync<RoleForbiddenException>(() => campaign.Define(new CampaignDefinition("x", "Hijack", null, [], [], [])));
        }
    }
}
