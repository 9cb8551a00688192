using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Forms;
using Network.Contracts.Campaigns;
using Network.Contracts.Sessions;

namespace Network.Web.Campaigns;

/// <summary>A partner tenant as the form shows it.</summary>
public sealed record PartnerChoice(string TenantId, string Name);

/// <summary>A commitment serving the campaign as the form shows it.</summary>
public sealed record CommitmentChoice(string Id, string Summary);

/// <summary>One milestone row of the form; the date stays empty until chosen.</summary>
public sealed class MilestoneRow
{
    public string Title { get; set; } = "";

    public DateOnly? DueOn { get; set; }
}

/// <summary>
/// A campaign as its form edits it: what the person typed and chose, before the domain has seen it. It suggests the
/// id from the title while the campaign is new and the id was not typed, turns itself into the document the domain
/// takes, and finds the form field a refusal names (<c>partners[1]</c>, <c>milestones[0].title</c>, …).
/// </summary>
public sealed partial class CampaignDraft
{
    private string _id = "";
    private string _title = "";
    private bool _idTyped;

    private CampaignDraft(bool isNew) => IsNew = isNew;

    /// <summary>A campaign not stored yet: its id may still be chosen.</summary>
    public bool IsNew { get; }

    /// <summary>The campaign's id; typing it stops the suggestion from the title.</summary>
    public string Id
    {
        get => _id;
        set
        {
            _id = value ?? "";
            _idTyped = true;
        }
    }

    public string Title
    {
        get => _title;
        set
        {
            _title = value ?? "";
            if (IsNew && !_idTyped)
            {
                _id = CampaignIdSuggestion.From(_title);
            }
        }
    }

    public DateOnly? LaunchOn { get; set; }

    public List<PartnerChoice> Partners { get; } = [];

    public List<MilestoneRow> Milestones { get; } = [];

    public List<CommitmentChoice> Commitments { get; } = [];

    public static CampaignDraft New() => new(isNew: true);

    /// <summary>A stored campaign, with partners' names and commitments' summaries where known (else their ids).</summary>
    public static CampaignDraft From(
        string id, CampaignResource campaign, IReadOnlyDictionary<string, string> tenantNames, IReadOnlyDictionary<string, string> commitmentSummaries)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(tenantNames);
        ArgumentNullException.ThrowIfNull(commitmentSummaries);
        var draft = new CampaignDraft(isNew: false) { _id = id, _title = campaign.Title, LaunchOn = campaign.LaunchOn };
        draft.Partners.AddRange(campaign.Partners.Select(p => new PartnerChoice(p, tenantNames.GetValueOrDefault(p, p))));
        draft.Milestones.AddRange(campaign.Milestones.Select(m => new MilestoneRow { Title = m.Title, DueOn = m.DueOn }));
        draft.Commitments.AddRange(campaign.Commitments.Select(c => new CommitmentChoice(c, commitmentSummaries.GetValueOrDefault(c, c))));
        return draft;
    }

    /// <summary>Adds the partner unless it is one already.</summary>
    public void AddPartner(PartnerChoice partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        if (!Partners.Any(p => p.TenantId == partner.TenantId))
        {
            Partners.Add(partner);
        }
    }

    /// <summary>Adds the commitment unless it serves the campaign already.</summary>
    public void AddCommitment(CommitmentChoice commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        if (!Commitments.Any(c => c.Id == commitment.Id))
        {
            Commitments.Add(commitment);
        }
    }

    /// <summary>The milestones with no date yet, by position: the document cannot carry them, so the form says so itself.</summary>
    public IReadOnlyList<int> MilestonesWithoutDate() =>
        Milestones.Select((m, i) => (m, i)).Where(p => p.m.DueOn is null).Select(p => p.i).ToList();

    /// <summary>What the domain takes. Every milestone must have its date (see <see cref="MilestonesWithoutDate"/>).</summary>
    public CampaignResource ToDocument() => new(
        Title.Trim(),
        LaunchOn,
        Partners.Select(p => p.TenantId).ToList(),
        Milestones.Select(m => new MilestoneResource(m.Title.Trim(),
            m.DueOn ?? throw new InvalidOperationException("A milestone has no date; check MilestonesWithoutDate first."))).ToList(),
        Commitments.Select(c => c.Id).ToList(),
        Id.Trim());

    /// <summary>
    /// The form field a refusal's field name points at (as the domain and the API name them), or null when it names
    /// nothing the form shows (the message then goes above the form).
    /// </summary>
    public FieldIdentifier? FieldOf(string? field)
    {
        switch (field)
        {
            case "id":
                return new FieldIdentifier(this, nameof(Id));
            case "title":
                return new FieldIdentifier(this, nameof(Title));
            case "launchOn":
                return new FieldIdentifier(this, nameof(LaunchOn));
            case null:
                return null;
        }
        var match = ListField().Match(field);
        if (!match.Success)
        {
            return null;
        }
        var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
        var part = match.Groups["part"].Value;
        return match.Groups["list"].Value switch
        {
            "partners" when index < Partners.Count => new FieldIdentifier(Partners[index], nameof(PartnerChoice.TenantId)),
            "commitments" when index < Commitments.Count => new FieldIdentifier(Commitments[index], nameof(CommitmentChoice.Id)),
            "milestones" when index < Milestones.Count =>
                new FieldIdentifier(Milestones[index], part == "dueOn" ? nameof(MilestoneRow.DueOn) : nameof(MilestoneRow.Title)),
            _ => null,
        };
    }

    [GeneratedRegex(@"^(?<list>partners|commitments|milestones)\[(?<index>\d{1,6})\](\.(?<part>title|dueOn))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ListField();
}
