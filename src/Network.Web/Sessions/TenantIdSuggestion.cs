using System.Globalization;
using System.Text;

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
        var words = Words(name).ToList();
        var id = words.Count >= 3
            ? string.Concat(words.Select(w => w[0]))
            : string.Join('-', words);
        id = id.Length > MaxLength ? id[..MaxLength].TrimEnd('-') : id;
        return id.Length >= 2 ? id : (id + "-org").TrimStart('-');
    }

    /// <summary>Lower-case ASCII letters and digits of each word, accents dropped ("Réseau" → "reseau").</summary>
    private static IEnumerable<string> Words(string name)
    {
        var word = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                word.Append(lower);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
