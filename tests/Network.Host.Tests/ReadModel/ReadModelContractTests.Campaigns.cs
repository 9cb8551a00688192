using Network.Domain.ReadModel;
using Network.Host.ReadModel;

namespace Network.Host.Tests.ReadModel;

/// <summary>The campaigns' list: version-guarded rows with their partners, the scope rule with and without descendants, paging.</summary>
public abstract partial class ReadModelContractTests
{
    private static CampaignListRow CampaignRow(string home, string id, long version = 1, DateOnly? launch = null, params string[] partners) =>
        new(TestReadModelSource.KeyOf(home, id), id, home, $"Campaign {id}", launch, partners, 2, 3, version);

    private static async Task<List<string>> CampaignKeysAsync(SqlCampaignReadModel model, CampaignListQuery query) =>
        (await model.QueryAsync(query)).Items.Select(r => r.Key).ToList();

    [Fact]
    public async Task A_campaign_row_round_trips_and_only_a_newer_version_replaces_it_with_its_partners()
    {
        var model = new SqlCampaignReadModel(DialectFor(await MigratedStorageAsync()));
        var row = CampaignRow("network/forum", "solidarity", version: 3, launch: new DateOnly(2017, 3, 21), "network/forum/tmp", "network/gcm");
        await model.UpsertAsync(row);

        var stored = Assert.Single((await model.QueryAsync(new CampaignListQuery("network"))).Items);
        Assert.Equal(row with { Partners = [] }, stored with { Partners = [] });
        Assert.Equal(row.Partners, stored.Partners);

        // Older and equal versions change nothing, partners included.
        await model.UpsertAsync(CampaignRow("network/forum", "solidarity", version: 2, launch: null, "network/ici"));
        await model.UpsertAsync(CampaignRow("network/forum", "solidarity", version: 3, launch: null));
        var kept = Assert.Single((await model.QueryAsync(new CampaignListQuery("network/gcm"))).Items);
        Assert.Equal((3L, row.LaunchOn), (kept.StateVersion, kept.LaunchOn));
        Assert.Equal(row.Partners, kept.Partners);

        // A newer one replaces the partners as a whole: the partner left out no longer finds it.
        await model.UpsertAsync(CampaignRow("network/forum", "solidarity", version: 4, launch: null, "network/ici"));
        Assert.Empty(await CampaignKeysAsync(model, new CampaignListQuery("network/gcm")));
        var replaced = Assert.Single((await model.QueryAsync(new CampaignListQuery("network/ici"))).Items);
        Assert.Equal((4L, (DateOnly?)null), (replaced.StateVersion, replaced.LaunchOn));
        Assert.Equal(["network/ici"], replaced.Partners);
    }

    [Fact]
    public async Task A_campaign_is_in_scope_by_its_home_or_a_partner_below_or_at_the_scope_alone()
    {
        var model = new SqlCampaignReadModel(DialectFor(await MigratedStorageAsync()));
        var atTmp = CampaignRow("network/tmp", "own");
        var belowTmp = CampaignRow("network/tmp/europe", "regional");
        var partnerTmp = CampaignRow("network/forum", "with-tmp", partners: "network/tmp");
        var partnerBelow = CampaignRow("network/forum", "with-europe", partners: "network/tmp/europe");
        var lookalike = CampaignRow("network/tm", "not-tmp", partners: "network/tmp-x");
        foreach (var row in new[] { atTmp, belowTmp, partnerTmp, partnerBelow, lookalike })
        {
            await model.UpsertAsync(row);
        }

        var subtree = await CampaignKeysAsync(model, new CampaignListQuery("network/tmp"));
        Assert.Equal(new[] { atTmp, belowTmp, partnerTmp, partnerBelow }.Select(r => r.Key).Order(StringComparer.Ordinal), subtree);
        var alone = await CampaignKeysAsync(model, new CampaignListQuery("network/tmp", Descendants: false));
        Assert.Equal(new[] { atTmp, partnerTmp }.Select(r => r.Key).Order(StringComparer.Ordinal), alone);
    }

    [Fact]
    public async Task Campaign_pages_follow_the_latest_launch_with_undated_last_and_carry_the_total()
    {
        var model = new SqlCampaignReadModel(DialectFor(await MigratedStorageAsync()));
        await model.UpsertAsync(CampaignRow("network/ann", "undated"));
        await model.UpsertAsync(CampaignRow("network/bob", "early", launch: new DateOnly(2016, 12, 9)));
        await model.UpsertAsync(CampaignRow("network/cid", "late", launch: new DateOnly(2017, 9, 19)));
        await model.UpsertAsync(CampaignRow("network/ann", "late-too", launch: new DateOnly(2017, 9, 19)));

        var all = await CampaignKeysAsync(model, new CampaignListQuery("network"));
        Assert.Equal(["network/ann|late-too", "network/cid|late", "network/bob|early", "network/ann|undated"], all);
        var page = await model.QueryAsync(new CampaignListQuery("network", Offset: 1, Limit: 2));
        Assert.Equal(["network/cid|late", "network/bob|early"], page.Items.Select(r => r.Key));
        Assert.Equal(4, page.Total);
        Assert.Empty((await model.QueryAsync(new CampaignListQuery("network", Offset: 4))).Items);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => model.QueryAsync(new CampaignListQuery("network", Limit: ListPaging.MaxLimit + 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => model.QueryAsync(new CampaignListQuery("network/Bad Path")));
    }
}
