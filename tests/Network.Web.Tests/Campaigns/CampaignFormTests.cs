using Bunit;
using Network.Contracts.Campaigns;
using Network.Contracts.Tenants;
using Network.Web.Campaigns;
using Network.Web.Tests.Components;

namespace Network.Web.Tests.Campaigns;

/// <summary>The campaign form's own logic: the id suggestion, choosing partners and commitments, milestone rows, and
/// a refusal shown next to the field it names. Storing is the page's (a callback here).</summary>
public sealed class CampaignFormTests : ComponentTestContext
{
    private static readonly IReadOnlyList<TenantSummaryResource> Tenants =
    [
        new("network", "GFMD Civil Society", "network", null, "network"),
        new("tmp", "Transnational Migrant Platform", "platform", "network", "network/tmp"),
        new("gcm", "Global Coalition on Migration", "organisation", "network", "network/gcm"),
    ];

    private readonly List<CampaignResource> _saved = [];
    private readonly List<string> _searches = [];
    private CampaignProblem? _answer;

    private IRenderedComponent<CampaignForm> RenderForm(CampaignDraft draft) =>
        Render<CampaignForm>(p => p
            .Add(c => c.Draft, draft)
            .Add(c => c.Home, "network")
            .Add(c => c.Tenants, Tenants)
            .Add(c => c.CancelHref, "/campaigns")
            .Add(c => c.SearchCommitments, text =>
            {
                _searches.Add(text);
                return Task.FromResult<IReadOnlyList<CommitmentChoice>>([new("c1", "A campaign to generate solidarity"), new("c2", "Leverage the Together campaign")]);
            })
            .Add(c => c.Save, document =>
            {
                _saved.Add(document);
                return Task.FromResult(_answer);
            }));

    private static void Submit(IRenderedComponent<CampaignForm> form) => form.Find("form#campaign-form").Submit();

    [Fact]
    public void Typing_the_title_suggests_the_id_until_the_id_is_typed()
    {
        var form = RenderForm(CampaignDraft.New());

        form.Find("#campaign-title").Change("UN Together campaign");
        Assert.Equal("un-together-campaign", form.Find("#campaign-id").GetAttribute("value"));
        form.Find("#campaign-id").Change("together");
        form.Find("#campaign-title").Change("UN Together campaign 2017");

        Assert.Equal("together", form.Find("#campaign-id").GetAttribute("value"));
    }

    [Fact]
    public void An_existing_campaign_shows_no_id_field()
    {
        var form = RenderForm(CampaignDraft.From("solidarity", new CampaignResource("Solidarity", null, [], [], []),
            new Dictionary<string, string>(), new Dictionary<string, string>()));

        Assert.Empty(form.FindAll("#campaign-id"));
        Assert.Equal("Solidarity", form.Find("#campaign-title").GetAttribute("value"));
    }

    [Fact]
    public void A_partner_is_chosen_from_the_tenants_but_the_home_tenant_and_is_removed_again()
    {
        var form = RenderForm(CampaignDraft.New());
        Assert.Equal(["", "tmp", "gcm"], form.FindAll("#partner-choice option").Select(o => o.GetAttribute("value")));

        form.Find("#partner-choice").Change("gcm");
        form.Find("[data-testid=add-partner]").Click();

        Assert.Contains("Global Coalition on Migration (gcm)", form.Find("[data-testid=chosen-partners]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["", "tmp"], form.FindAll("#partner-choice option").Select(o => o.GetAttribute("value")));
        form.Find("[data-partner=gcm] button").Click();
        Assert.Empty(form.FindAll("[data-partner]"));
    }

    [Fact]
    public void A_milestone_without_a_date_is_named_next_to_its_date_and_nothing_is_saved()
    {
        var form = RenderForm(CampaignDraft.New());
        form.Find("#campaign-title").Change("Solidarity campaign");
        form.Find("[data-testid=add-milestone]").Click();
        form.Find("[data-testid=add-milestone]").Click();
        form.Find("#milestone-0-title").Change("Launch");
        form.Find("#milestone-0-date").Change("2017-03-21");
        form.Find("#milestone-1-title").Change("Review");

        Submit(form);

        Assert.Empty(_saved);
        var problem = form.Find("#problem-milestone-1-date");
        Assert.Equal("Milestone 2 needs a date.", problem.TextContent);
        Assert.Equal("true", form.Find("#milestone-1-date").GetAttribute("aria-invalid"));
        Assert.Equal("problem-milestone-1-date", form.Find("#milestone-1-date").GetAttribute("aria-describedby"));
        Assert.Null(form.Find("#milestone-0-date").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void Saving_hands_over_the_whole_campaign()
    {
        var form = RenderForm(CampaignDraft.New());
        form.Find("#campaign-title").Change("Solidarity campaign");
        form.Find("#campaign-launch").Change("2017-03-21");
        form.Find("#partner-choice").Change("tmp");
        form.Find("[data-testid=add-partner]").Click();
        form.Find("[data-testid=add-milestone]").Click();
        form.Find("#milestone-0-title").Change("Launch");
        form.Find("#milestone-0-date").Change("2017-03-21");
        form.Find("#commitment-search").Change("solidarity");
        form.Find("form.campaign-search").Submit();
        form.Find("[data-testid=commitment-results] [data-commitment=c1] button").Click();

        Submit(form);

        var saved = Assert.Single(_saved);
        Assert.Equal(("solidarity-campaign", "Solidarity campaign", new DateOnly(2017, 3, 21)), (saved.Id, saved.Title, saved.LaunchOn));
        Assert.Equal(["tmp"], saved.Partners);
        Assert.Equal(["Launch"], saved.Milestones.Select(m => m.Title));
        Assert.Equal(["c1"], saved.Commitments);
        Assert.Equal(["solidarity"], _searches);
        Assert.Empty(form.FindAll("[data-testid=field-problem]"));
    }

    [Fact]
    public void A_search_result_is_added_once()
    {
        var form = RenderForm(CampaignDraft.New());
        form.Find("form.campaign-search").Submit();

        form.Find("[data-testid=commitment-results] [data-commitment=c2] button").Click();

        Assert.Equal(["c2"], form.FindAll("[data-testid=chosen-commitments] li").Select(li => li.GetAttribute("data-commitment")));
        var added = form.Find("[data-testid=commitment-results] [data-commitment=c2] button");
        Assert.True(added.HasAttribute("disabled"));
        Assert.Contains("Added", added.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("partners[0]", "[data-partner=tmp] [data-testid=field-problem]")]
    [InlineData("commitments[0]", "[data-commitment=c1] [data-testid=field-problem]")]
    [InlineData("milestones[0].title", "#problem-milestone-0-title")]
    [InlineData("title", "#problem-campaign-title")]
    [InlineData("id", "#problem-campaign-id")]
    public void A_refusal_is_shown_next_to_the_field_it_names(string field, string where)
    {
        var draft = CampaignDraft.New();
        draft.Title = "Solidarity campaign";
        draft.AddPartner(new PartnerChoice("tmp", "Transnational Migrant Platform"));
        draft.AddCommitment(new CommitmentChoice("c1", "A campaign"));
        draft.Milestones.Add(new MilestoneRow { Title = "Launch", DueOn = new DateOnly(2017, 3, 21) });
        var form = RenderForm(draft);
        _answer = new CampaignProblem(field, "The domain says no.");

        Submit(form);

        Assert.Equal("The domain says no.", form.Find(where).TextContent);
        Assert.Single(form.FindAll("[data-testid=field-problem]"));
        Assert.Equal("The campaign was not saved: see the marked field.", form.Find("[data-testid=form-problem]").TextContent.Trim());
    }

    [Fact]
    public void A_refusal_naming_no_field_is_shown_above_the_buttons_and_a_change_to_the_field_clears_its_problem()
    {
        var draft = CampaignDraft.New();
        draft.Title = "Solidarity campaign";
        var form = RenderForm(draft);
        _answer = new CampaignProblem(null, "Only a coordinator may define campaigns.");
        Submit(form);
        Assert.Equal("Only a coordinator may define campaigns.", form.Find("[data-testid=form-problem]").TextContent.Trim());

        _answer = new CampaignProblem("title", "Too long.");
        Submit(form);
        Assert.Equal("true", form.Find("#campaign-title").GetAttribute("aria-invalid"));
        form.Find("#campaign-title").Change("Solidarity");

        Assert.Empty(form.FindAll("[data-testid=field-problem]"));
        Assert.Null(form.Find("#campaign-title").GetAttribute("aria-invalid"));
    }
}
