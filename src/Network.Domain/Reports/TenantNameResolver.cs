using System.Text;
using Network.Domain.ReadModel;

namespace Network.Domain.Reports;

/// <summary>
/// Finds the tenant a name in a report means: by its name, its id, an alias, or its acronym ("Transnational Migrant
/// Platform", "tmp", "TMP"). Matching ignores case, punctuation and a leading "the". A name that matches nothing, or
/// matches two tenants equally well, stays unresolved: a wrong owner is worse than none.
/// </summary>
public sealed class TenantNameResolver
{
    private static readonly HashSet<string> MinorWords = ["of", "on", "the", "and", "for", "in", "de", "la", "del", "des", "du", "et", "y"];

    private readonly IReadOnlyList<(TenantListRow Tenant, HashSet<string> Names, string Acronym)> _tenants;

    public TenantNameResolver(IEnumerable<TenantListRow> tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        _tenants = tenants
            .Select(t => (t, new HashSet<string>([Normalize(t.Name), t.Id, .. t.Aliases.Select(Normalize)], StringComparer.Ordinal), Acronym(t.Name)))
            .ToList();
    }

    public TenantListRow? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var wanted = Normalize(name);
        if (wanted.Length == 0)
        {
            return null;
        }
        var exact = _tenants.Where(t => t.Names.Contains(wanted) || (wanted.Length >= 2 && wanted == t.Acronym)).ToList();
        if (exact.Count == 1)
        {
            return exact[0].Tenant;
        }
        if (exact.Count > 1)
        {
            return null;
        }
        // "the Immigrant Council of Ireland network": a multi-word name inside the text, as whole words.
        var padded = $" {wanted} ";
        var contained = _tenants
            .Where(t => t.Names.Any(n => n.Contains(' ', StringComparison.Ordinal) && padded.Contains($" {n} ", StringComparison.Ordinal)))
            .ToList();
        return contained.Count == 1 ? contained[0].Tenant : null;
    }

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && words[0] == "the")
        {
            words.RemoveAt(0);
        }
        return string.Join(' ', words);
    }

    private static string Acronym(string name) =>
        string.Concat(Normalize(name).Split(' ').Where(w => !MinorWords.Contains(w)).Select(w => w[0]));
}
