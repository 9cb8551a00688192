using System.Globalization;
using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

internal enum LabelKind
{
    StrategicStep,
    WhoWillWork,
}

/// <summary>One word of a label: which words fit, whether it may be left out, and how the template writes it.</summary>
internal sealed class LabelSlot(Func<string, bool> fits, bool optional = false, bool lowerCase = true)
{
    public bool Optional { get; } = optional;

    /// <summary>The template writes this word in lower case; a capitalised word here starts a sentence of content.</summary>
    public bool LowerCase { get; } = lowerCase;

    public bool Fits(string word) => fits(word.TrimEnd('?', ':'));

    public LabelSlot AsOptional() => new(fits, true, LowerCase);

    public static LabelSlot Words(params string[] words) =>
        new(w => words.Any(x => string.Equals(x, w, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>How far a label matched from some position: the new position, how many words, where the rest starts.</summary>
internal readonly record struct LabelMatch(int Position, int Words, int NextToken, bool FirstWordCapitalisedAgainstTemplate);

/// <summary>
/// The grammar of the template's left-column labels, word by word, so that a label can be recognised piece by piece
/// as the PDF breaks it over lines and interleaves it with the right column's text:
/// <list type="bullet">
/// <item>"&lt;ordinal&gt; strategic step or action in the [next] [N] months [between &lt;month&gt; and &lt;month&gt; [year]]";</item>
/// <item>"[Specifically] who in civil society will work on it?".</item>
/// </list>
/// </summary>
internal sealed partial class LabelGrammar
{
    private static readonly string[] OrdinalWords =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    private readonly LabelSlot[] slots;

    // Slots before this index must match for the label to be complete; the ones after are an optional tail
    // (e.g. "between June and December 2017") that, once begun, must be finished.
    private readonly int mandatoryEnd;

    // A label starts only when its first words reach past this slot ("First strategic", "Specifically who"),
    // so an ordinary sentence starting with "First" or "Who" is never taken for one.
    private readonly int keySlot;

    private LabelGrammar(LabelKind kind, int mandatoryEnd, int keySlot, LabelSlot[] slots)
    {
        Kind = kind;
        this.mandatoryEnd = mandatoryEnd;
        this.keySlot = keySlot;
        this.slots = slots;
    }

    public LabelKind Kind { get; }

    public static LabelGrammar StrategicStep { get; } = new(LabelKind.StrategicStep, mandatoryEnd: 10, keySlot: 1,
    [
        new LabelSlot(w => TryOrdinal(w, out _), lowerCase: false),
        LabelSlot.Words("strategic"),
        LabelSlot.Words("step", "steps"),
        LabelSlot.Words("or", "/"),
        LabelSlot.Words("action", "actions"),
        LabelSlot.Words("in", "for", "during", "over", "within"),
        LabelSlot.Words("the").AsOptional(),
        LabelSlot.Words("next", "coming", "following", "first", "second").AsOptional(),
        new LabelSlot(w => NumberWords.TryParse(w, out var n) && n is > 0 and <= 36, optional: true),
        LabelSlot.Words("months", "month"),
        LabelSlot.Words("between", "from"),
        new LabelSlot(w => DatePhrases.TryMonth(w, out _), lowerCase: false),
        LabelSlot.Words("and", "to", "-", "–", "until"),
        new LabelSlot(w => DatePhrases.TryMonth(w, out _), lowerCase: false),
        new LabelSlot(DatePhrases.IsYear, optional: true, lowerCase: false),
    ]);

    public static LabelGrammar WhoWillWork { get; } = new(LabelKind.WhoWillWork, mandatoryEnd: 9, keySlot: 1,
    [
        LabelSlot.Words("specifically").AsOptional(),
        LabelSlot.Words("who"),
        LabelSlot.Words("in"),
        LabelSlot.Words("civil"),
        LabelSlot.Words("society"),
        LabelSlot.Words("will"),
        LabelSlot.Words("work"),
        LabelSlot.Words("on"),
        LabelSlot.Words("it"),
    ]);

    public static IReadOnlyList<LabelGrammar> All { get; } = [StrategicStep, WhoWillWork];

    /// <summary>Matches as many words as fit, from slot <paramref name="position"/> and token <paramref name="start"/>.</summary>
    public LabelMatch Match(int position, IReadOnlyList<string> tokens, int start)
    {
        var p = position;
        var i = start;
        var capitalisedAgainstTemplate = false;
        while (i < tokens.Count && !TableTokens.IsSeparator(tokens[i]))
        {
            var matched = -1;
            for (var j = p; j < slots.Length; j++)
            {
                if (slots[j].Fits(tokens[i]))
                {
                    matched = j;
                    break;
                }
                if (!slots[j].Optional)
                {
                    break;
                }
            }
            if (matched < 0)
            {
                break;
            }
            // The template writes the label's later words in lower case: a capitalised word there starts a sentence
            // ("First strategic step or Action plans will ..."). The caller decides about a line's first word.
            var againstTemplate = slots[matched].LowerCase && IsCapitalised(tokens[i]);
            if (againstTemplate && i > start)
            {
                break;
            }
            if (i == start)
            {
                capitalisedAgainstTemplate = againstTemplate && position > 0;
            }
            p = matched + 1;
            i++;
        }
        return new LabelMatch(p, i - start, i, capitalisedAgainstTemplate);
    }

    private static bool IsCapitalised(string word) => char.IsUpper(word[0]) && word.Skip(1).Any(char.IsLower);

    /// <summary>True when the words from the start of a line begin this label.</summary>
    public bool Starts(LabelMatch match) => match.Position > keySlot && match.Words >= 2;

    /// <summary>
    /// True when the whole line is a piece of the label's main body ("society will work on it?", "action in the next 6"),
    /// as the PDF breaks it; the optional tail alone ("December 2017") is not enough, a footer could read the same.
    /// </summary>
    public bool IsWholeLinePiece(string line)
    {
        var tokens = TableTokens.Split(line);
        for (var position = 0; position < mandatoryEnd && tokens.Length > 0; position++)
        {
            if (Match(position, tokens, 0).Words == tokens.Length)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the label may end here (its optional tail not begun, or finished).</summary>
    public bool IsComplete(int position) =>
        position == mandatoryEnd || slots.Skip(position).All(s => s.Optional) || (position < mandatoryEnd && slots[position..mandatoryEnd].All(s => s.Optional));

    /// <summary>True when no further word can belong to the label.</summary>
    public bool IsFinished(int position) => position >= slots.Length;

    /// <summary>"First", "second", "3rd", and the PDF's "3%" for a superscript "3rd".</summary>
    public static bool TryOrdinal(string word, out int ordinal)
    {
        var index = Array.FindIndex(OrdinalWords, o => string.Equals(o, word, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            ordinal = index + 1;
            return true;
        }
        var match = NumericOrdinal().Match(word);
        ordinal = match.Success ? int.Parse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        return match.Success && ordinal > 0;
    }

    public static string OrdinalWord(int ordinal) =>
        ordinal >= 1 && ordinal <= OrdinalWords.Length
            ? OrdinalWords[ordinal - 1]
            : ordinal.ToString(CultureInfo.InvariantCulture) + DatePhrases.OrdinalSuffix(ordinal);

    [GeneratedRegex(@"^(?<n>[0-9]{1,2})(?:st|nd|rd|th|%)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumericOrdinal();
}

/// <summary>Words of a table line. The PDF sometimes marks the column border with '|'.</summary>
internal static class TableTokens
{
    public static bool IsSeparator(string token) => token is "|" or "¦" or "│";

    public static string[] Split(string line) =>
        line.Replace("|", " | ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The words from <paramref name="start"/> on, without column borders.</summary>
    public static string Rest(IReadOnlyList<string> tokens, int start) =>
        string.Join(' ', tokens.Skip(start).Where(t => !IsSeparator(t)));
}
