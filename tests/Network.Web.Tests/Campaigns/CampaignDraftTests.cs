using Network.Contracts.Campaigns;
using Network.Contracts.Sessions;
using Network.Web.Campaigns;

namespace Network.Web.Tests.Campaigns;

public sealed class CampaignDraftTests
{
    private static readonly CampaignResource Stored = new("Solidarity campaign", new DateOnly(2017, 3, 21), ["tmp", "gone"],
        [new MilestoneResource("Launch", new DateOnly(2017, 3, 21))], ["c1"]);

    [Fact]
    public void A_new_campaign_takes_its_id_from_the_title_until_the_id_is_typed()
    {
        var draft = CampaignDraft.New();

        draft.Title = "Solidarity campaign";
        Assert.Equal("solidarity-campaign", draft.Id);
        draft.Id = "solidarity";
        draft.Title = "Solidarity campaign 2017";

        Assert.Equal("solidarity", draft.Id);
    }

    [Fact]
    public void A_stored_campaign_keeps_its_id_and_shows_names_where_known()
    {
        var draft = CampaignDraft.From("solidarity", Stored,
            new Dictionary<string, string> { ["tmp"] = "Transnational Migrant Platform" }, new Dictionary<string, string> { ["c1"] = "A campaign" });

        draft.Title = "Renamed";

        Assert.Equal("solidarity", draft.Id);
        Assert.Equal([new PartnerChoice("tmp", "Transnational Migrant Platform"), new PartnerChoice("gone", "gone")], draft.Partners);
        Assert.Equal([new CommitmentChoice("c1", "A campaign")], draft.Commitments);
        var document = draft.ToDocument();
        Assert.Equal(("Renamed", "solidarity", new DateOnly(2017, 3, 21)), (document.Title, document.Id, document.LaunchOn));
        Assert.Equal(["tmp", "gone"], document.Partners);
        Assert.Equal(["c1"], document.Commitments);
        Assert.Equal(Stored.Milestones, document.Milestones);
    }

    [Fact]
    public void Partners_and_commitments_are_chosen_once_and_undated_milestones_are_named()
    {
        var draft = CampaignDraft.New();
        draft.AddPartner(new PartnerChoice("tmp", "TMP"));
        draft.AddPartner(new PartnerChoice("tmp", "TMP"));
        draft.AddCommitment(new CommitmentChoice("c1", "x"));
        draft.AddCommitment(new CommitmentChoice("c1", "x"));
        draft.Milestones.Add(new MilestoneRow { Title = "Launch", DueOn = new DateOnly(2017, 3, 21) });
        draft.Milestones.Add(new MilestoneRow { Title = "Review" });

        Assert.Single(draft.Partners);
        Assert.Single(draft.Commitments);
        Assert.Equal([1], draft.MilestonesWithoutDate());
        Assert.Throws<InvalidOperationException>(() => draft.ToDocument());
    }

    [Theory]
    [InlineData("title", "Title")]
    [InlineData("id", "Id")]
    [InlineData("launchOn", "LaunchOn")]
    [InlineData("milestones[1].title", "Title")]
    [InlineData("milestones[1].dueOn", "DueOn")]
    [InlineData("partners[0]", "TenantId")]
    [InlineData("commitments[0]", "Id")]
    public void A_refusal_finds_the_field_it_names(string field, string fieldName)
    {
        var draft = CampaignDraft.From("solidarity", Stored with { Milestones = [.. Stored.Milestones, new MilestoneResource("Review", new DateOnly(2017, 12, 31))] },
            new Dictionary<string, string>(), new Dictionary<string, string>());

        var found = draft.FieldOf(field);

        Assert.NotNull(found);
        Assert.Equal(fieldName, found.Value.FieldName);
        var expectedModel = field switch
        {
            "milestones[1].title" or "milestones[1].dueOn" => (object)draft.Milestones[1],
            "partners[0]" => draft.Partners[0],
            "commitments[0]" => draft.Commitments[0],
            _ => draft,
        };
        Assert.Same(expectedModel, found.Value.Model);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("$")]
    [InlineData("partners[5]")]
    [InlineData("milestones[0].owner")]
    [InlineData("status")]
    public void A_refusal_of_something_the_form_does_not_show_names_no_field(string? field) =>
        Assert.Null(CampaignDraft.From("solidarity", Stored, new Dictionary<string, string>(), new Dictionary<string, string>()).FieldOf(field));
}
