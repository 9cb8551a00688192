namespace Network.Web.Campaigns;

/// <summary>What the domain refused about a campaign: the field as the API names it (null for the whole), and why.</summary>
public sealed record CampaignProblem(string? Field, string Message);
