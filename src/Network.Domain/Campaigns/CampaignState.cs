using Network.Domain.ReadModel;

namespace Network.Domain.Campaigns;

/// <summary>The stored state of a campaign grain.</summary>
public sealed class CampaignState
{
    public const string StateName = "campaign";

    /// <summary>
    /// Path of the home tenant, stored with the definition so the read model can be rebuilt from the state alone
    /// (the rebuild reads states, not grain keys). Empty in states written before it was kept.
    /// </summary>
    public string HomeTenant { get; set; } = "";

    public CampaignDefinition? Campaign { get; set; }

    /// <summary>Counts the writes of this state; the list row carries it so it only ever moves forward.</summary>
    public long Version { get; set; }

    /// <summary>The row lists show.</summary>
    public CampaignListRow ToListRow(string grainKey)
    {
        var campaign = Campaign!;
        return new CampaignListRow(grainKey, campaign.Id, HomeTenant, campaign.Title, campaign.LaunchOn,
            campaign.Partners.Distinct(StringComparer.Ordinal).ToList(), campaign.Milestones.Count, campaign.Commitments.Count, Version);
    }
}
