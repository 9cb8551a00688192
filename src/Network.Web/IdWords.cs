using System.Globalization;
using System.Text;

namespace Network.Web;

/// <summary>
/// The words of a name as an id may use them: lower-case ASCII letters and digits, accents dropped ("Réseau" →
/// "reseau"), everything else a break. What the id suggestions for tenants and campaigns are made of.
/// </summary>
public static class IdWords
{
    public static IEnumerable<string> Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Split(name);
    }

    private static IEnumerable<string> Split(string name)
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
