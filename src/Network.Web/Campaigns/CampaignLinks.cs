namespace Network.Web.Campaigns;

/// <summary>The addresses of a campaign's pages, its home tenant and id escaped.</summary>
public static class CampaignLinks
{
    public static string Page(string home, string id) => $"/campaigns/{Uri.EscapeDataString(home)}/{Uri.EscapeDataString(id)}";

    public static string Edit(string home, string id) => Page(home, id) + "/edit";
}
