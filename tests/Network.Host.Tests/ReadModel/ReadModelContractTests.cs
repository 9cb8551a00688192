using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Domain.ReadModel;
using Network.Domain.Tenants;
using Network.Host.ReadModel;
using Network.Host.Storage;

namespace Network.Host.Tests.ReadModel;

/// <summary>
/// What the read model promises, checked the same way on SQLite and PostgreSQL: version-guarded upserts, the
/// tenant-scope rule, the filters, paging, finding by id and the tenants' subtree. The rebuild is in the other part.
/// </summary>
public abstract partial class ReadModelContractTests
{
    private static readonly DateOnly June30 = new(2017, 6, 30);
    private static readonly DateOnly Dec31 = new(2017, 12, 31);
    private static readonly DateTimeOffset Updated = new(2017, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Options that point at a new, empty database.</summary>
    protected abstract Task<StorageOptions> FreshStorageAsync();

    /// <summary>A new database with the schema applied.</summary>
    protected async Task<StorageOptions> MigratedStorageAsync()
    {
        var storage = await FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        return storage;
    }

    /// <summary>
    /// How the models under test reach the database: on their own (a connection and a transaction per write) unless a
    /// subclass hands them a shared writer, as the host does on SQLite.
    /// </summary>
    internal virtual ReadModelDialect DialectFor(StorageOptions storage) => ReadModelDialect.For(storage);

    private async Task<SqlCommitmentReadModel> CommitmentsAsync() => new(DialectFor(await MigratedStorageAsync()));

    private static CommitmentListRow Row(
        string home, string id, long version = 1, string status = "not-started", int period = 1, DateOnly? due = null,
        params string[] owners) =>
        new(TestReadModelSource.KeyOf(home, id), id, home, "gfmd-2016-c", period, 1, $"Commitment {id}", status,
            due ?? June30, owners, Updated, version);

    private static void AssertSameRow(CommitmentListRow expected, CommitmentListRow actual)
    {
        Assert.Equal(expected with { Owners = [] }, actual with { Owners = [] });
        Assert.Equal(expected.Owners, actual.Owners);
    }

    private static async Task<List<string>> KeysInAsync(SqlCommitmentReadModel model, CommitmentListQuery query) =>
        (await model.QueryAsync(query)).Items.Select(r => r.Key).ToList();

    [Fact]
    public async Task A_row_round_trips_every_field()
    {
        var model = await CommitmentsAsync();
        var row = new CommitmentListRow(
            "network/tmp|c1", "c1", "network/tmp", "gfmd-2016-c", 2, 3, "A campaign to generate solidarity, launched by 21 March",
            "limited", June30, ["network/ici", "network/gcm"],
            new DateTimeOffset(2017, 3, 21, 10, 11, 12, TimeSpan.FromHours(2)).AddTicks(1234560), 7);

        await model.UpsertAsync(row);

        var found = Assert.Single(await model.FindAsync("network", "c1"));
        AssertSameRow(row, found);
        Assert.Equal(TimeSpan.Zero, found.UpdatedAt.Offset);
        var listed = Assert.Single((await model.QueryAsync(new CommitmentListQuery("network/tmp"))).Items);
        AssertSameRow(row, listed);
    }

    [Fact]
    public async Task Only_a_newer_version_changes_a_row_and_it_replaces_the_owners()
    {
        var model = await CommitmentsAsync();
        await model.UpsertAsync(Row("network/tmp", "c1", version: 5, owners: ["network/gcm", "network/ici"]));

        // Older and equal versions: a late or replayed write changes nothing, owners included.
        await model.UpsertAsync(Row("network/tmp", "c1", version: 4, status: "complete", owners: ["network/tm"]));
        await model.UpsertAsync(Row("network/tmp", "c1", version: 5, status: "stalled", owners: []));
        var kept = Assert.Single(await model.FindAsync("network", "c1"));
        Assert.Equal(5, kept.StateVersion);
        Assert.Equal("not-started", kept.Status);
        Assert.Equal(["network/gcm", "network/ici"], kept.Owners);

        await model.UpsertAsync(Row("network/tmp", "c1", version: 6, status: "complete", due: Dec31, owners: ["network/ici", "network/tmp/europe"]));
        var replaced = Assert.Single(await model.FindAsync("network", "c1"));
        AssertSameRow(Row("network/tmp", "c1", version: 6, status: "complete", due: Dec31, owners: ["network/ici", "network/tmp/europe"]), replaced);
        Assert.Empty(await KeysInAsync(model, new CommitmentListQuery("network/gcm")));
        Assert.Single(await KeysInAsync(model, new CommitmentListQuery("network/ici")));

        await model.UpsertAsync(Row("network/tmp", "c1", version: 9));
        Assert.Empty(Assert.Single(await model.FindAsync("network", "c1")).Owners);
        Assert.Empty(await KeysInAsync(model, new CommitmentListQuery("network/ici")));
    }

    [Fact]
    public async Task Concurrent_writes_of_one_row_end_at_the_newest_version()
    {
        var model = await CommitmentsAsync();
        var versions = Enumerable.Range(1, 24).OrderBy(_ => Random.Shared.Next()).ToList();

        await Task.WhenAll(versions.Select(v => Task.Run(() =>
            model.UpsertAsync(Row("network/tmp", "c1", version: v, owners: [$"network/o{v}", "network/tmp"])))));

        var row = Assert.Single(await model.FindAsync("network", "c1"));
        Assert.Equal(24, row.StateVersion);
        Assert.Equal(["network/o24", "network/tmp"], row.Owners);
        Assert.Empty(await KeysInAsync(model, new CommitmentListQuery("network/o23")));
    }

    [Fact]
    public async Task A_commitment_is_in_scope_by_its_home_or_an_owner_in_the_subtree()
    {
        var model = await CommitmentsAsync();
        await model.UpsertAsync(Row("network/tmp", "a"));
        await model.UpsertAsync(Row("network/tmp/europe", "b"));
        await model.UpsertAsync(Row("network/gcm", "c", owners: ["network/tmp/europe"]));
        await model.UpsertAsync(Row("network/tm", "d"));
        await model.UpsertAsync(Row("network/tmp-x", "e"));
        await model.UpsertAsync(Row("network/ici", "f", owners: ["network/gcm"]));
        await model.UpsertAsync(Row("network/tmp0", "g", owners: ["network/tmp0/sub"]));

        async Task<List<string>> Ids(string scope) =>
            (await model.QueryAsync(new CommitmentListQuery(scope))).Items.Select(r => r.Id).ToList();

        Assert.Equal(["a", "b", "c"], await Ids("network/tmp"));
        Assert.Equal(["d"], await Ids("network/tm"));
        Assert.Equal(["b", "c"], await Ids("network/tmp/europe"));
        Assert.Equal(["c", "f"], await Ids("network/gcm"));
        Assert.Equal(["f"], await Ids("network/ici"));
        Assert.Equal(["g"], await Ids("network/tmp0"));
        Assert.Equal(["e"], await Ids("network/tmp-x"));
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g"], await Ids("network"));
        Assert.Empty(await Ids("net"));
        Assert.Empty(await Ids("other"));
    }

    [Fact]
    public async Task The_filters_narrow_the_list()
    {
        var model = await CommitmentsAsync();
        await model.UpsertAsync(Row("network/tmp", "a", status: "limited", period: 1, due: new DateOnly(2017, 3, 21), owners: ["network/tmp"]));
        await model.UpsertAsync(Row("network/tmp", "b", status: "not-started", period: 1, due: June30, owners: ["network/tmp/europe"]));
        await model.UpsertAsync(Row("network/tmp", "c", status: "limited", period: 2, due: Dec31, owners: ["network/ici"]));
        await model.UpsertAsync(Row("network/tmp", "d", status: "blocked", period: 2, due: Dec31));
        await model.UpsertAsync(Row("network/gcm", "e", status: "limited", period: 1, due: June30, owners: ["network/tm"]));

        async Task<List<string>> Ids(CommitmentListQuery query) => (await model.QueryAsync(query)).Items.Select(r => r.Id).ToList();

        Assert.Equal(["a", "e", "c"], await Ids(new CommitmentListQuery("network", Status: "limited")));
        Assert.Empty(await Ids(new CommitmentListQuery("network", Status: "limit")));
        Assert.Equal(["c", "d"], await Ids(new CommitmentListQuery("network", Period: 2)));
        Assert.Equal(["a", "b"], await Ids(new CommitmentListQuery("network", Owner: "network/tmp")));
        Assert.Equal(["b"], await Ids(new CommitmentListQuery("network", Owner: "network/tmp/europe")));
        Assert.Equal(["e"], await Ids(new CommitmentListQuery("network", Owner: "network/tm")));
        Assert.Empty(await Ids(new CommitmentListQuery("network", Owner: "network/gcm")));
        Assert.Equal(["a"], await Ids(new CommitmentListQuery("network", DueBefore: June30)));
        Assert.Equal(["a", "b", "e"], await Ids(new CommitmentListQuery("network", DueBefore: June30.AddDays(1))));
        Assert.Equal(["e"], await Ids(new CommitmentListQuery("network/gcm", Status: "limited", Period: 1, DueBefore: Dec31)));
        Assert.Equal(["c"], await Ids(new CommitmentListQuery("network/tmp", Status: "limited", Period: 2, Owner: "network/ici")));
        Assert.Empty(await Ids(new CommitmentListQuery("network/ici", Status: "blocked")));
    }

    [Fact]
    public async Task The_session_filter_and_the_sessions_of_a_scope_count_commitments_by_status()
    {
        var model = await CommitmentsAsync();
        await model.UpsertAsync(Row("network/forum", "a", status: "limited"));
        await model.UpsertAsync(Row("network/forum", "b", status: "limited", owners: ["network/forum/tmp"]));
        await model.UpsertAsync(Row("network/forum", "c", status: "complete", owners: ["network/forum/tmp"]));
        await model.UpsertAsync(Row("network/forum", "d") with { SessionId = "gfmd-2017-a" });
        await model.UpsertAsync(Row("network/other", "e", owners: ["network/forum/tmp"]) with { SessionId = "gfmd-2017-a" });
        await model.UpsertAsync(Row("network/other", "f") with { SessionId = "gfmd-2017-a" });

        async Task<List<string>> Ids(CommitmentListQuery query) => (await model.QueryAsync(query)).Items.Select(r => r.Id).ToList();
        async Task<List<(string, string, string)>> Sessions(string scope) =>
            (await model.SessionsAsync(scope)).Select(s => (s.HomeTenant, s.SessionId,
                string.Join(",", s.ByStatus.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={b.Value}")))).ToList();

        Assert.Equal(["a", "b", "c"], await Ids(new CommitmentListQuery("network/forum", Session: "gfmd-2016-c")));
        Assert.Equal(["d", "e"], await Ids(new CommitmentListQuery("network/forum", Session: "gfmd-2017-a")));
        Assert.Equal(["b"], await Ids(new CommitmentListQuery("network/forum", Status: "limited", Session: "gfmd-2016-c", Owner: "network/forum/tmp")));
        Assert.Empty(await Ids(new CommitmentListQuery("network/forum", Session: "gfmd")));

        // One row per home tenant and session; only the commitments in scope are counted (home or owner below it).
        Assert.Equal(
            [("network/forum", "gfmd-2016-c", "complete=1,limited=2"), ("network/forum", "gfmd-2017-a", "not-started=1"), ("network/other", "gfmd-2017-a", "not-started=1")],
            await Sessions("network/forum"));
        Assert.Equal(
            [("network/forum", "gfmd-2016-c", "complete=1,limited=1"), ("network/other", "gfmd-2017-a", "not-started=1")],
            await Sessions("network/forum/tmp"));
        Assert.Equal([("network/other", "gfmd-2017-a", "not-started=2")], await Sessions("network/other"));
        Assert.Equal(
            [("network/forum", "gfmd-2016-c", "complete=1,limited=2"), ("network/forum", "gfmd-2017-a", "not-started=1"), ("network/other", "gfmd-2017-a", "not-started=2")],
            await Sessions("network"));
        Assert.Empty(await Sessions("network/ici"));
    }

    [Fact]
    public async Task Pages_follow_due_date_then_id_and_carry_the_total()
    {
        var model = await CommitmentsAsync();
        var dues = new Dictionary<string, DateOnly>
        {
            ["g"] = new(2017, 1, 1), ["c"] = June30, ["a"] = June30, ["f"] = Dec31, ["b"] = Dec31, ["e"] = new(2016, 12, 10), ["d"] = June30,
        };
        foreach (var (id, due) in dues)
        {
            await model.UpsertAsync(Row("network/tmp", id, due: due));
        }
        await model.UpsertAsync(Row("network/gcm", "z"));

        var expected = new[] { "e", "g", "a", "c", "d", "b", "f" };
        var all = await model.QueryAsync(new CommitmentListQuery("network/tmp"));
        Assert.Equal(expected, all.Items.Select(r => r.Id));
        Assert.Equal(7, all.Total);

        var pages = new List<CommitmentListPage>();
        for (var offset = 0; offset < 9; offset += 3)
        {
            pages.Add(await model.QueryAsync(new CommitmentListQuery("network/tmp", Offset: offset, Limit: 3)));
        }
        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal(7, p.Total));
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(r => r.Id));

        var beyond = await model.QueryAsync(new CommitmentListQuery("network/tmp", Offset: 50, Limit: 10));
        Assert.Empty(beyond.Items);
        Assert.Equal(7, beyond.Total);

        var filtered = await model.QueryAsync(new CommitmentListQuery("network", DueBefore: June30, Limit: 1, Offset: 1));
        Assert.Equal("g", Assert.Single(filtered.Items).Id);
        Assert.Equal(2, filtered.Total);

        var none = await model.QueryAsync(new CommitmentListQuery("network/ici"));
        Assert.Empty(none.Items);
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task The_search_looks_in_id_and_summary_in_any_case_with_wildcards_taken_literally()
    {
        var model = await CommitmentsAsync();
        await model.UpsertAsync(Row("network/tmp", "solidarity-21") with { Summary = "A campaign to generate Solidarity by March 21%" });
        await model.UpsertAsync(Row("network/tmp", "together") with { Summary = "Leverage the UN-led Together campaign" });
        await model.UpsertAsync(Row("network/tmp", "back_slash") with { Summary = @"Costs 100 \ 5" });

        async Task<List<string>> Found(string text) =>
            (await model.QueryAsync(new CommitmentListQuery("network", Search: text))).Items.Select(r => r.Id).ToList();

        Assert.Equal(["solidarity-21"], await Found("solidarity"));
        Assert.Equal(["together"], await Found("un-led together"));
        Assert.Equal(["solidarity-21", "together"], await Found("CAMPAIGN"));
        Assert.Equal(["solidarity-21"], await Found("21%"));
        Assert.Equal(["solidarity-21"], await Found("-21"));
        Assert.Empty(await Found("1_"));
        Assert.Equal(["back_slash"], await Found("k_s"));
        Assert.Equal(["back_slash"], await Found(@"\"));
        Assert.Empty(await Found("%%"));
    }

    [Fact]
    public async Task Paging_and_scope_arguments_are_checked()
    {
        var model = await CommitmentsAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => model.QueryAsync(new CommitmentListQuery("network", Limit: 0)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => model.QueryAsync(new CommitmentListQuery("network", Limit: 201)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => model.QueryAsync(new CommitmentListQuery("network", Offset: -1)));
        Assert.Empty((await model.QueryAsync(new CommitmentListQuery("network", Limit: 200))).Items);
        Assert.Empty((await model.QueryAsync(new CommitmentListQuery("network", Limit: 1))).Items);

        await Assert.ThrowsAsync<ArgumentException>(() => model.QueryAsync(new CommitmentListQuery("network/")));
        await Assert.ThrowsAsync<ArgumentException>(() => model.QueryAsync(new CommitmentListQuery("network/%")));
        await Assert.ThrowsAsync<ArgumentException>(() => model.QueryAsync(new CommitmentListQuery("network", Owner: "network/t_p")));
        await Assert.ThrowsAsync<ArgumentException>(() => model.FindAsync("", "c1"));
        await Assert.ThrowsAsync<ArgumentException>(() => model.UpsertAsync(Row("network/tmp", "c1", owners: ["TMP"])));
    }

    [Fact]
    public async Task Find_gives_the_rows_with_that_id_in_scope_nearest_home_first()
    {
        var model = await CommitmentsAsync();
        await model.UpsertAsync(Row("network/tmp/europe", "c1"));
        await model.UpsertAsync(Row("network/tmp", "c1"));
        await model.UpsertAsync(Row("network", "c1", owners: ["network/tmp/europe"]));
        await model.UpsertAsync(Row("network/gcm", "c1"));
        await model.UpsertAsync(Row("network/tmp", "c2"));

        async Task<List<string>> Homes(string scope, string id) => (await model.FindAsync(scope, id)).Select(r => r.HomeTenant).ToList();

        Assert.Equal(["network", "network/gcm", "network/tmp", "network/tmp/europe"], await Homes("network", "c1"));
        // Homed in scope before visible through an owner only.
        Assert.Equal(["network/tmp", "network/tmp/europe", "network"], await Homes("network/tmp", "c1"));
        Assert.Equal(["network/tmp/europe", "network"], await Homes("network/tmp/europe", "c1"));
        Assert.Empty(await Homes("network/ici", "c1"));
        Assert.Empty(await Homes("network/tm", "c1"));
        Assert.Empty(await Homes("network", "c3"));
        Assert.Equal(["network/tmp"], await Homes("network", "c2"));
    }

    [Fact]
    public async Task Tenants_are_upserted_and_listed_by_subtree()
    {
        var tenants = new SqlTenantReadModel(DialectFor(await MigratedStorageAsync()));
        await tenants.UpsertAsync(new TenantListRow("network", "network", "GFMD Civil Society", "network", [], 1));
        await tenants.UpsertAsync(new TenantListRow("network/tmp", "tmp", "Transnational Platform", "platform", ["TMP"], 1));
        await tenants.UpsertAsync(new TenantListRow("network/tmp/europe", "europe", "TMP Europe", "platform", [], 1));
        await tenants.UpsertAsync(new TenantListRow("network/tm", "tm", "Tm", "organisation", [], 1));
        await tenants.UpsertAsync(new TenantListRow("network/tmp-x", "tmp-x", "Tmp X", "organisation", [], 1));
        await tenants.UpsertAsync(new TenantListRow("network/tmp", "tmp", "Transnational Migrant Platform", "platform", ["TMP", "the Platform", "Plateforme \"TMP\" ü"], 2));

        var subtree = await tenants.SubtreeAsync("network/tmp");
        Assert.Equal(["network/tmp", "network/tmp/europe"], subtree.Select(t => t.Path));
        var tmp = subtree[0];
        Assert.Equal(("tmp", "Transnational Migrant Platform", "platform"), (tmp.Id, tmp.Name, tmp.Kind));
        Assert.Equal(["TMP", "the Platform", "Plateforme \"TMP\" ü"], tmp.Aliases);
        Assert.Empty(subtree[1].Aliases);

        Assert.Equal(5, (await tenants.SubtreeAsync("network")).Count);
        Assert.Equal(["network/tm"], (await tenants.SubtreeAsync("network/tm")).Select(t => t.Path));
        Assert.Empty(await tenants.SubtreeAsync("network/ici"));
        await Assert.ThrowsAsync<ArgumentException>(() => tenants.SubtreeAsync("network/T"));
    }

    /// <summary>
    /// The start-up rebuild reads a tenant's stored state, the grain writes a newer one and its row, then the rebuild
    /// projects what it read: the older aliases must not come back (the row carries the state's own write counter).
    /// </summary>
    [Fact]
    public async Task A_tenant_row_never_moves_back_to_an_older_state_a_rebuild_read_before_the_last_write()
    {
        var tenants = new SqlTenantReadModel(DialectFor(await MigratedStorageAsync()));
        var source = new TenantReadModelSource(tenants);
        static string Stored(long version, string name, params string[] aliases) =>
            JsonSerializer.Serialize(new
            {
                exists = true, id = "tmp", name, kind = "platform", parentId = "network", path = "network/tmp",
                aliases, version,
            });
        var older = Stored(1, "Transnational Platform", "TMP");
        var newer = Stored(2, "Transnational Migrant Platform", "TMP", "the Platform");

        await source.ProjectAsync(newer, 5, CancellationToken.None);
        await source.ProjectAsync(older, 4, CancellationToken.None);

        var row = Assert.Single(await tenants.SubtreeAsync("network/tmp"));
        Assert.Equal(["TMP", "the Platform"], row.Aliases);
        Assert.Equal("Transnational Migrant Platform", row.Name);

        // A newer state still replaces it.
        await source.ProjectAsync(Stored(3, "Transnational Migrant Platform", "TMP", "the Platform", "Plateforme"), 6, CancellationToken.None);
        Assert.Equal(["TMP", "the Platform", "Plateforme"], Assert.Single(await tenants.SubtreeAsync("network/tmp")).Aliases);
    }
}
