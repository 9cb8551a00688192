using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

internal enum NameKind
{
    None,
    Person,
    Organisation,
}

/// <summary>
/// Tells a person's name from an organisation's or a group's in the pieces of a "who" answer, by their shape:
/// <list type="bullet">
/// <item>an organisation is a run of capitalised words that has an acronym or an organisation word ("Council",
/// "Platform", "Coalition", ...) or joins its words with "of", "on", "for" ("Global Coalition on Migration");
/// a lone acronym ("PICUM") is one too;</item>
/// <item>a group is a plural such as "Groups" or "Members" followed by words naming who ("Groups that attended the PGA");</item>
/// <item>a person is two to four capitalised words and nothing else ("Teresa Buczkowska", "Jill Belisario").</item>
/// </list>
/// Anything with a lower-case word, a digit or a month is a sentence or a date, not a name.
/// </summary>
internal static partial class NameClassifier
{
    private static readonly HashSet<string> OrganisationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Platform", "Coalition", "Council", "Network", "Networks", "Alliance", "Forum", "Association", "Organisation",
        "Organization", "Union", "Federation", "Institute", "Institution", "Centre", "Center", "Foundation", "Committee",
        "Campaign", "Group", "Groups", "Movement", "Church", "Commission", "Society", "Agency", "Office", "Partnership",
        "Initiative", "Secretariat", "Trust", "Fund", "International", "Confederation", "Congress", "Assembly",
        "Consortium", "Collective", "Cooperative", "Programme", "Program", "Project", "Ministry", "Department",
        "University", "College", "League", "Chamber", "Watch", "Rights", "Services", "Aid", "Action", "Mission",
        "Bureau", "Caritas", "Days", "Team", "Board", "Working", "Solidarity", "Migrants", "Workers", "Women",
    };

    // Plural nouns that start a description of a group: "Groups that attended the PGA", "Members of PICUM".
    private static readonly HashSet<string> GroupNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "Groups", "Organisations", "Organizations", "Members", "Partners", "Networks", "NGOs", "CSOs", "Unions",
        "Associations", "Representatives", "Delegates", "Platforms", "Coalitions",
    };

    private static readonly HashSet<string> OrganisationJoiners = new(StringComparer.Ordinal)
    {
        "of", "on", "for", "the", "and", "in", "against", "at", "to", "&", "des", "du", "pour", "por", "y", "et",
    };

    private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal)
    {
        "de", "van", "von", "da", "dos", "das", "del", "della", "di", "le", "la", "bin", "al", "el", "ter", "ten", "der",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "This", "That", "These", "Those", "It", "They", "We", "He", "She", "There", "A", "An", "Our", "Their", "Its",
        "To", "In", "On", "For", "With", "Participants", "Government", "Governments", "States", "Monday", "Tuesday",
        "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    };

    public static NameKind Classify(string item)
    {
        var name = Clean(item);
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 10 || name.Any(c => c is '.' or '?' or '!' or ':' or ';' or ','))
        {
            return NameKind.None;
        }
        if (words.Length == 1)
        {
            return IsAcronym(words[0]) || OrganisationWords.Contains(words[0]) && IsCapitalised(words[0])
                ? NameKind.Organisation
                : NameKind.None;
        }
        if (GroupNouns.Contains(words[0]) && IsCapitalised(words[0]) && words.Skip(1).Any(w => IsAcronym(w) || IsCapitalised(w)))
        {
            return NameKind.Organisation;
        }
        if (NotNames.Contains(words[0]) || !(IsCapitalised(words[0]) || IsAcronym(words[0]))
            || !(IsCapitalised(words[^1]) || IsAcronym(words[^1])))
        {
            return NameKind.None;
        }
        if (words.Any(w => w.Any(char.IsDigit) && !IsAcronym(w)) || words.Any(w => DatePhrases.TryMonth(w, out _)))
        {
            return NameKind.None;
        }
        var joiners = 0;
        foreach (var word in words)
        {
            if (OrganisationJoiners.Contains(word))
            {
                joiners++;
            }
            else if (!IsCapitalised(word) && !IsAcronym(word) && !NameParticles.Contains(word))
            {
                return NameKind.None;
            }
        }
        if (joiners > 0 || words.Any(w => IsAcronym(w) || OrganisationWords.Contains(w)))
        {
            return NameKind.Organisation;
        }
        return words.Length <= 4 && words.All(w => PersonWord().IsMatch(w) || NameParticles.Contains(w))
            ? NameKind.Person
            : NameKind.Organisation;
    }

    /// <summary>The name without list punctuation, brackets, quotes or a leading "and", "the".</summary>
    public static string Clean(string item)
    {
        var name = item.Trim().Trim('(', ')', '[', ']', '"', '\'', ' ').TrimEnd('.', ',', ';', ':', '!', '?', ' ').Trim();
        name = LeadingConnector().Replace(name, string.Empty);
        return name.Trim();
    }

    /// <summary>A list of names split on '/', ',', ';' and "and", each piece with its position in the text.</summary>
    public static IEnumerable<(string Item, int Index)> SplitList(string text, int offset = 0)
    {
        var start = 0;
        foreach (Match separator in ListSeparator().Matches(text))
        {
            yield return (text[start..separator.Index], offset + start);
            start = separator.Index + separator.Length;
        }
        yield return (text[start..], offset + start);
    }

    public static bool IsAcronym(string word) =>
        word.Length is >= 2 and <= 10 && char.IsUpper(word[0]) && word.Count(char.IsUpper) >= 2
        && word.All(c => char.IsUpper(c) || char.IsDigit(c) || c is '&' or '-');

    private static bool IsCapitalised(string word) =>
        word.Length >= 2 && char.IsUpper(word[0]) && word.Any(char.IsLower);

    [GeneratedRegex(@"^\p{Lu}[\p{Ll}']+(?:-\p{Lu}?[\p{Ll}']+)*$")]
    private static partial Regex PersonWord();

    [GeneratedRegex(@"^(?:(?:and|or|the|The)\s)+(?=\p{Lu})")]
    private static partial Regex LeadingConnector();

    [GeneratedRegex(@"\s?[/;,]\s?|\sand\s")]
    private static partial Regex ListSeparator();
}
