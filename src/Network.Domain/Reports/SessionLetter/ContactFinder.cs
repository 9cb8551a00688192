using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>The people and organisations a commitment names as working on it.</summary>
internal sealed record NamedParties(IReadOnlyList<ParsedContact> Contacts, IReadOnlyList<string> Organisations);

/// <summary>
/// Finds who a commitment names, in two places:
/// <list type="bullet">
/// <item>the "who" answer, split on '/', ',', ';' and "and" (skipping the list of interested participants);</item>
/// <item>the step's text, in a list after "through", "by", "via", "with" or "led/coordinated by"
/// ("shared through Jill Belisario, Transnational Migrant Platform and Global Coalition on Migration").</item>
/// </list>
/// For each person, the organisation in apposition ("Teresa Buczkowska, Immigrant Council of Ireland, expressed"),
/// the role (what they offered or will do, or what is done through them) and any condition of their own.
/// </summary>
internal static partial class ContactFinder
{
    public static NamedParties Find(string text, string who, (int Start, int End)? interestSpan)
    {
        var people = new List<string>();
        var organisations = new List<string>();

        foreach (var (item, index) in NameClassifier.SplitList(who))
        {
            if (interestSpan is { } span && index >= span.Start && index < span.End)
            {
                continue;
            }
            if (!Collect(item, people, organisations))
            {
                // A sentence that starts with its subject: "Teresa Buczkowska of the Immigrant Council ... will".
                CollectSubject(item, AnswerFollowers, people, organisations);
            }
        }

        // In the text, a clause whose subject is a name that commits to something: "PICUM will draft ...".
        foreach (var clause in text.Split(['.', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            CollectSubject(clause, CommitmentVerbs, people, organisations);
        }

        foreach (Match trigger in ListTrigger().Matches(text))
        {
            var start = trigger.Index + trigger.Length;
            var end = text.IndexOfAny(['.', ';', ':'], start);
            var list = text[start..(end < 0 ? text.Length : end)];
            foreach (var (item, _) in NameClassifier.SplitList(list, start))
            {
                // The list ends at its first piece that is not a name: "by March 21st, the international day ...".
                if (!Collect(item, people, organisations))
                {
                    break;
                }
            }
        }

        // A person may be named twice ("coordinated by Amal Haddad" in the text, "Amal Haddad (Migrant Forum in Asia)"
        // in the answer): each mention may tell something the other does not.
        var contacts = people
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => Merge(name, Mentions(name, who, text).Select(m => Describe(name, m.Source, m.Index))))
            .ToList();
        // A contact's organisation works on the commitment through them.
        organisations.AddRange(contacts.Select(c => c.Organisation).OfType<string>());
        return new NamedParties(contacts, organisations);
    }

    private static bool Collect(string item, List<string> people, List<string> organisations)
    {
        var name = NameClassifier.Clean(item);
        switch (NameClassifier.Classify(name))
        {
            case NameKind.Person:
                people.Add(name);
                return true;
            case NameKind.Organisation:
                organisations.Add(name);
                return true;
            default:
                return false;
        }
    }

    // Words that may follow a name at the start of an answer's sentence, and the verbs of a commitment in the text.
    private static readonly HashSet<string> CommitmentVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "will", "would", "shall", "agreed", "offered", "volunteered", "committed", "expressed", "has", "have", "is", "are",
    };

    private static readonly HashSet<string> AnswerFollowers = new(CommitmentVerbs.Concat(["of", "from", "to", "and", "was", "were", "had"]), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Takes the name a clause starts with when a verb (or "of", "(") follows it: the shortest that is a person
    /// ("Teresa Buczkowska" of ...), else the longest that is an organisation ("Immigrant Council of Ireland" will ...).
    /// </summary>
    private static void CollectSubject(string clause, HashSet<string> followers, List<string> people, List<string> organisations)
    {
        var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool FollowedByVerb(int n) => n < words.Length && (followers.Contains(words[n]) || words[n].StartsWith('('));
        var limit = Math.Min(words.Length - 1, 10);
        for (var n = 2; n <= Math.Min(limit, 4); n++)
        {
            var name = string.Join(' ', words[..n]);
            if (FollowedByVerb(n) && NameClassifier.Classify(name) == NameKind.Person)
            {
                people.Add(name);
                return;
            }
        }
        for (var n = limit; n >= 1; n--)
        {
            var name = string.Join(' ', words[..n]);
            if (FollowedByVerb(n) && NameClassifier.Classify(name) == NameKind.Organisation)
            {
                organisations.Add(NameClassifier.Clean(name));
                return;
            }
        }
    }

    private static IEnumerable<(string Source, int Index)> Mentions(string name, params string[] sources)
    {
        foreach (var source in sources)
        {
            for (var at = source.IndexOf(name, StringComparison.Ordinal); at >= 0; at = source.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                yield return (source, at);
            }
        }
    }

    private static ParsedContact Merge(string name, IEnumerable<ParsedContact> mentions)
    {
        var all = mentions.ToList();
        return new ParsedContact(
            name,
            all.Select(c => c.Organisation).FirstOrDefault(o => o is not null),
            all.Select(c => c.Role).FirstOrDefault(r => r is not null),
            all.Select(c => c.Condition).FirstOrDefault(c => c is not null));
    }

    private static ParsedContact Describe(string name, string source, int index)
    {
        var after = source[Math.Min(source.Length, index + name.Length)..];
        var clauseEnd = after.IndexOfAny(['.', ';']);
        var clause = clauseEnd < 0 ? after : after[..clauseEnd];

        string? organisation = null;
        var apposition = Apposition().Match(clause);
        if (apposition.Success && NameClassifier.Classify(apposition.Groups["org"].Value) == NameKind.Organisation)
        {
            organisation = NameClassifier.Clean(apposition.Groups["org"].Value);
            clause = clause[apposition.Length..];
        }

        var before = source[..Math.Min(index, source.Length)];
        var sentenceStart = before.LastIndexOfAny(['.', ';']) + 1;
        var role = ActiveRole(clause) ?? PassiveRole(before[sentenceStart..]);
        return new ParsedContact(name, organisation, role, ClauseFinder.Condition(clause));
    }

    // "expressed willingness to coordinate X", "agreed to host X": the offered action, in its base form.
    // "will share X": what the person does, as "shares X".
    private static string? ActiveRole(string clause)
    {
        var offer = OfferedAction().Match(clause);
        if (offer.Success)
        {
            return Action(offer.Groups["action"].Value, VerbForms.Base);
        }
        var plan = PlannedAction().Match(clause);
        return plan.Success ? Action(plan.Groups["action"].Value, w => VerbForms.ThirdPerson(VerbForms.Base(w))) : null;
    }

    // "Information will be shared through Jill Belisario" → "shares information".
    private static string? PassiveRole(string sentence)
    {
        var match = PassiveAction().Match(sentence);
        if (!match.Success)
        {
            return null;
        }
        var thing = match.Groups["thing"].Value;
        if (thing.Length > 1 && !char.IsUpper(thing[1]))
        {
            thing = char.ToLowerInvariant(thing[0]) + thing[1..];
        }
        return VerbForms.ThirdPerson(VerbForms.Base(match.Groups["verb"].Value)) + " " + thing;
    }

    private static string? Action(string phrase, Func<string, string> form)
    {
        var conditionStart = ConditionStart().Match(phrase);
        var action = (conditionStart.Success ? phrase[..conditionStart.Index] : phrase).Trim().TrimEnd(',', ' ');
        return action.Length == 0 ? null : VerbForms.WithFirstWord(action, form);
    }

    [GeneratedRegex(@"\b(?:through|via|with|(?:led|coordinated|organised|organized|hosted|shared|convened|facilitated)\sby|contact)\s(?:the\s)?(?=\p{Lu})")]
    private static partial Regex ListTrigger();

    [GeneratedRegex(@"^\s?(?:,\s?(?<org>[^,;()]+?)\s?,\s?(?=\p{Ll})|\((?<org>[^()]+)\)\s?,?\s?|\s?(?:of|from)\s(?:the\s)?(?<org>(?:\p{Lu}[\p{L}&'-]*(?:\s(?:of|on|for|the|and)(?=\s\p{Lu}))?\s?)+))")]
    private static partial Regex Apposition();

    [GeneratedRegex(@"^\s?,?\s?(?:(?:has|have|had)\s)?(?:(?:expressed|expresses|indicated|indicates|showed|shows|confirmed|confirms)\s(?:(?:her|his|their)\s)?(?:willingness|readiness|availability|interest)|(?:offered|offers|agreed|agrees|volunteered|volunteers|committed|commits|(?:is|are|was|were)\s(?:willing|ready|happy))|willing)\sto\s(?<action>[^.;]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfferedAction();

    [GeneratedRegex(@"^\s?,?\s?(?:will|would|shall|can|is\sto|are\sto)\s(?<action>[^.;]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlannedAction();

    [GeneratedRegex(@"(?<thing>\b\p{L}[\p{L}'-]*(?:\s\p{L}[\p{L}'-]*){0,4}?)\s(?:will|would|shall|can|could|is|are|was|were)\s(?:be\s)?(?<verb>\p{L}+ed|led|sent|held|made|given|run|shown|done|kept)\s(?:through|by|via|with)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PassiveAction();

    [GeneratedRegex(@"\b(?:only\sif|if|unless|provided|as\slong\sas|on\s(?:the\s)?condition)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConditionStart();
}
