using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Finds the clauses of a commitment that the engine acts on:
/// <list type="bullet">
/// <item>a condition: "if there is interest", "provided that ...", "unless ...", up to the end of the clause;</item>
/// <item>a dependency on something outside the network: "depend(s|ent) on [the] X" → "X";</item>
/// <item>interest: "10 participants ... expressed interest" (digits or words, "ten"), and the names when listed
/// after a colon, in brackets or after "including"/"namely".</item>
/// </list>
/// </summary>
internal static partial class ClauseFinder
{
    public static string? Condition(string text)
    {
        var match = ConditionClause().Match(text);
        return match.Success ? Tidy(match.Value) : null;
    }

    public static string? Dependency(string text)
    {
        var match = DependencyClause().Match(text);
        return match.Success ? Tidy(match.Groups["what"].Value) : null;
    }

    /// <summary>The interest expressed, and where its sentence ends in <paramref name="text"/> (its names are no owners).</summary>
    public static (ParsedInterest Interest, int Start, int End)? Interest(string text)
    {
        foreach (var match in new[] { InterestActive().Match(text), InterestPassive().Match(text) })
        {
            if (!match.Success || !NumberWords.TryParse(match.Groups["count"].Value, out var count) || count <= 0)
            {
                continue;
            }
            var end = match.Index + match.Length;
            var names = new List<string>();
            var list = InterestNames().Match(text[end..]);
            if (list.Success)
            {
                var listText = list.Groups["list"].Value;
                names.AddRange(NameClassifier.SplitList(listText)
                    .Select(p => NameClassifier.Clean(p.Item))
                    .Where(n => NameClassifier.Classify(n) != NameKind.None));
                end += list.Index + list.Length;
            }
            return (new ParsedInterest(count, names), match.Index, end);
        }
        return null;
    }

    private static string? Tidy(string clause)
    {
        var tidy = clause.Trim().TrimEnd(',', ' ', ':', '-').Trim();
        return tidy.Length == 0 ? null : tidy;
    }

    private const string Count = @"(?<count>[0-9]{1,4}|" + NumberWords.Pattern + @"(?:[\s-]" + NumberWords.Pattern + ")?)";
    private const string Who = @"(?:(?:other|more|further|additional)\s)?(?:participants|people|persons|organisations|organizations|members|delegates|attendees|groups|individuals|colleagues|networks)\b";

    [GeneratedRegex(@"(?<!\b(?:even|as)\s)\b(?:only\sif|if|unless|provided(?:\sthat)?|as\slong\sas|on\s(?:the\s)?condition\sthat)\b[^.;]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConditionClause();

    [GeneratedRegex(@"\b(?:depend(?:s|ed|ent|ing)?|contingent)\s(?:up)?on\s(?:the\s)?(?<what>[^.;]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DependencyClause();

    [GeneratedRegex(@"\b" + Count + @"\s" + Who + @"[^.;:]{0,80}?\b(?:(?:have|has)\s)?(?:expressed|express|indicated|showed|shown|signalled|signaled|registered|declared)\s(?:their\s|an\s)?interest\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InterestActive();

    [GeneratedRegex(@"\binterest\s(?:was|has\sbeen)\s(?:expressed|shown|indicated)\sby\s" + Count + @"\s" + Who,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InterestPassive();

    [GeneratedRegex(@"^[^.;:(]{0,60}?(?::\s?|\(|,?\s(?:including|namely)\s)(?<list>[^.;)]+)\)?")]
    private static partial Regex InterestNames();
}
