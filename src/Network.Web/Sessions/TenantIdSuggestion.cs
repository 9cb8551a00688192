namespace Network.Web.Sessions;

/// <summary>
/// A tenant id to offer for a name: the initials of a long name ("Transnational Migrant Platform" → "tmp"), else the
/// name in lower case with dashes. Only a suggestion: the person may change it and the domain checks it.
/// </summary>
public static class TenantIdSuggestion
{
    private const int MaxLength = 63;

    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = IdWords.Of(name).ToList();
        var id = words.Count >= 3
            ? string.Concat(words.Select(w => w[0]))
            : string.Join('-', words);
        id = id.Length > MaxLength ? id[..MaxLength].TrimEnd('-') : id;
        return id.Length >= 2 ? id : (id + "-org").TrimStart('-');
    }
}
