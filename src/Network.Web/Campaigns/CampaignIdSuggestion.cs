namespace Network.Web.Campaigns;

/// <summary>
/// A campaign id to offer for a title: its words in lower case joined by '-' ("UN Together campaign" →
/// "un-together-campaign"), cut at a word so it stays within the 120 characters a local id may have. Unlike a tenant's,
/// not initials: a tenant's campaigns are many and initials would clash. Only a suggestion; the domain checks it.
/// </summary>
public static class CampaignIdSuggestion
{
    /// <summary>The longest local id the domain accepts (<c>Network.Domain.Errors.LocalIds</c>).</summary>
    private const int MaxLength = 120;

    public static string From(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var id = "";
        foreach (var word in IdWords.Of(title))
        {
            var longer = id.Length == 0 ? word : id + "-" + word;
            if (longer.Length > MaxLength)
            {
                // A single word longer than an id may be is cut; otherwise stop before the word that does not fit.
                return id.Length == 0 ? word[..MaxLength] : id;
            }
            id = longer;
        }
        return id;
    }
}
