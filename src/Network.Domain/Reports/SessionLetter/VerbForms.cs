namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Just enough English morphology to state a contact's role as an action: "will be shared through Jill" →
/// "shares information"; "willingness to coordinated a group" (sic) → "coordinate a group". Regular verbs only,
/// plus a short table of irregular ones; a verb the rules get wrong still reads, it is never dropped.
/// </summary>
internal static class VerbForms
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.OrdinalIgnoreCase)
    {
        ["led"] = "lead", ["sent"] = "send", ["held"] = "hold", ["made"] = "make", ["given"] = "give",
        ["written"] = "write", ["shown"] = "show", ["taken"] = "take", ["done"] = "do", ["brought"] = "bring",
        ["built"] = "build", ["kept"] = "keep", ["met"] = "meet", ["set"] = "set", ["spread"] = "spread",
        ["put"] = "put", ["run"] = "run", ["begun"] = "begin", ["drawn"] = "draw", ["chosen"] = "choose",
        ["known"] = "know", ["told"] = "tell", ["found"] = "find", ["sought"] = "seek", ["taught"] = "teach",
    };

    // Stems that lost a silent 'e' before "-ed": shar(e)d, coordinat(e)d, organis(e)d, produc(e)d, chang(e)d.
    private static readonly string[] SilentEEndings =
        ["at", "ar", "is", "iz", "ys", "yz", "ut", "ud", "id", "ir", "ur", "v", "c", "ang", "eng", "rg", "dg", "ak", "ik", "ok", "ib", "ub"];

    /// <summary>The base form of a past participle ("shared" → "share"); other words are returned as they are.</summary>
    public static string Base(string word)
    {
        if (Irregular.TryGetValue(word, out var irregular))
        {
            return irregular;
        }
        if (word.Length <= 4 || !word.EndsWith("ed", StringComparison.OrdinalIgnoreCase)
            || word.EndsWith("eed", StringComparison.OrdinalIgnoreCase))
        {
            return word;
        }
        var stem = word[..^2];
        if (stem.EndsWith('i'))
        {
            return stem[..^1] + "y";
        }
        if (stem.Length >= 3 && stem[^1] == stem[^2] && !"lsfz".Contains(stem[^1], StringComparison.Ordinal) && !IsVowel(stem[^1]))
        {
            return stem[..^1];
        }
        return SilentEEndings.Any(e => stem.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ? stem + "e" : stem;
    }

    /// <summary>The third person singular of a base form: "share" → "shares", "reach" → "reaches", "apply" → "applies".</summary>
    public static string ThirdPerson(string verb)
    {
        if (verb.Length == 0)
        {
            return verb;
        }
        if (verb.EndsWith('y') && verb.Length > 1 && !IsVowel(verb[^2]))
        {
            return verb[..^1] + "ies";
        }
        string[] sibilants = ["s", "sh", "ch", "x", "z", "o"];
        return sibilants.Any(s => verb.EndsWith(s, StringComparison.OrdinalIgnoreCase)) ? verb + "es" : verb + "s";
    }

    /// <summary>Applies <paramref name="form"/> to the first word of a verb phrase.</summary>
    public static string WithFirstWord(string phrase, Func<string, string> form)
    {
        var space = phrase.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? form(phrase) : form(phrase[..space]) + phrase[space..];
    }

    private static bool IsVowel(char c) => "aeiouAEIOU".Contains(c, StringComparison.Ordinal);
}
