using System.Globalization;
using System.Text;
using CsCheck;

namespace Network.Domain.Tests.Reports.Properties;

/// <summary>
/// One change to a session letter's lines, as a PDF's text or a hurried copy-paste makes them: lines dropped,
/// duplicated, swapped, moved, joined, split, cut short; characters inserted; a line replaced, shouted, renumbered,
/// or made very long. <see cref="At"/> and <see cref="To"/> are taken modulo the lines (or columns) there are, so an
/// edit applies to any text and shrinks well.
/// </summary>
internal sealed record LetterEdit(LetterEditKind Kind, int At, int To, string Text)
{
    public List<string> Apply(List<string> lines)
    {
        if (lines.Count == 0)
        {
            return [Text];
        }
        var at = At % lines.Count;
        var to = To % lines.Count;
        var line = lines[at];
        switch (Kind)
        {
            case LetterEditKind.DropLines:
                lines.RemoveRange(at, Math.Min(1 + To % 6, lines.Count - at));
                break;
            case LetterEditKind.DuplicateLine:
                lines.InsertRange(at, Enumerable.Repeat(line, 1 + To % 3));
                break;
            case LetterEditKind.SwapLines:
                (lines[at], lines[to]) = (lines[to], lines[at]);
                break;
            case LetterEditKind.InsertText:
                lines[at] = line.Insert(To % (line.Length + 1), Text);
                break;
            case LetterEditKind.ReplaceLine:
                lines[at] = Text;
                break;
            case LetterEditKind.VeryLongLine:
                // 20,000 characters or more on one line: a table flattened by the PDF's text extraction.
                var unit = line.Length > 0 ? line : "x ";
                lines[at] = string.Concat(Enumerable.Repeat(unit + " ", 20_000 / (unit.Length + 1) + 1));
                break;
            case LetterEditKind.MoveBlock:
                var count = Math.Min(2 + To % 10, lines.Count - at);
                var block = lines.GetRange(at, count);
                lines.RemoveRange(at, count);
                lines.InsertRange(To % (lines.Count + 1), block);
                break;
            case LetterEditKind.JoinWithNext when at + 1 < lines.Count:
                lines[at] = line + " " + lines[at + 1];
                lines.RemoveAt(at + 1);
                break;
            case LetterEditKind.SplitLine:
                var column = To % (line.Length + 1);
                lines[at] = line[..column];
                lines.Insert(at + 1, line[column..]);
                break;
            case LetterEditKind.CutShort:
                lines.RemoveRange(at, lines.Count - at);
                break;
            case LetterEditKind.UpperCase:
                lines[at] = line.ToUpperInvariant();
                break;
            case LetterEditKind.ChangeDigits:
                // Numbers carry the structure: section numbers, ordinals, days, months, years.
                lines[at] = string.Concat(line.Select(c => char.IsAsciiDigit(c) ? (char)('0' + ((c - '0' + To) % 10)) : c));
                break;
        }
        return lines;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}({At}, {To}, \"{Escape(Text)}\")");

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > 40 ? text[..40] + "…" : text)
        {
            builder.Append(c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString());
        }
        return builder.ToString();
    }
}

internal enum LetterEditKind
{
    DropLines,
    DuplicateLine,
    SwapLines,
    InsertText,
    ReplaceLine,
    VeryLongLine,
    MoveBlock,
    JoinWithNext,
    SplitLine,
    CutShort,
    UpperCase,
    ChangeDigits,
}

/// <summary>Generators of session-letter text: the real letters mutated, and text made of the template's pieces.</summary>
internal static class LetterGen
{
    public static readonly string[] Letters = [ReportSamples.Gfmd2016SessionC, SyntheticReports.Imrf2021SessionB];

    // Pieces the parser reacts to, so random text gets past its first checks and into the section readers.
    private static readonly string[] Pieces =
    [
        "\f", "\r", "\n", "\r\n", "\t", " ", "|", "%", "-", "e ", "• ", "1) ", "2. ", "4. Reflections", "3. Priority messages to convey on 10 December",
        "1. Civil society commitments for the next 6 months (through GFMD in Germany)", "2. Civil society commitments for year-end 2017",
        "First strategic step or", "action in the next 6", "months", "Second strategic step", "Specifically who in civil", "society will work on it?",
        "between June and", "December 2017", "by March 21%", "31 February", "29 February 2017", "year-", "end 2017", "Special session Z - ", "Special session C - A title",
        "Jill Belisario, ", "(Immigrant Council of Ireland)", "depends on ", "if there is interest", "10 participants expressed interest", "twelve",
        "\u201C", "\u2019", "\u00A0", "\u200B", "\u0085", "\u2028", "\uFEFF", "\uD83D\uDE00", "\uD800", "\uDC00", "0", "99", "9999", "-1", "2147483648",
        "é", "ß", "İ", "ﬁ", "\u0301",
    ];

    /// <summary>Any UTF-16 code unit, lone surrogates and controls included.</summary>
    public static readonly Gen<string> AnyChars = Gen.Int[0, 0xFFFF].Select(i => ((char)i).ToString()).Array[1, 12].Select(string.Concat);

    public static readonly Gen<string> Insertion = Gen.Frequency(
        (3, Gen.OneOf(Pieces)),
        (2, AnyChars),
        (1, Gen.OneOf(Pieces).Array[2, 6].Select(string.Concat)));

    public static readonly Gen<LetterEdit> Edit =
        Gen.Select(Gen.Enum<LetterEditKind>(), Gen.Int[0, 100_000], Gen.Int[0, 100_000], Insertion, (kind, at, to, text) => new LetterEdit(kind, at, to, text));

    /// <summary>A real letter (its index in <see cref="Letters"/>) and a few edits to it.</summary>
    public static Gen<(int Letter, LetterEdit[] Edits)> MutatedLetter(int minEdits, int maxEdits) =>
        Gen.Select(Gen.Int[0, Letters.Length - 1], Edit.Array[minEdits, maxEdits]);

    public static string Apply(int letter, IEnumerable<LetterEdit> edits) =>
        ReportSamples.Join(edits.Aggregate(ReportSamples.Lines(Letters[letter]).ToList(), (lines, edit) => edit.Apply(lines)));

    /// <summary>Text made only of the template's pieces and random characters.</summary>
    public static readonly Gen<string> PieceSoup = Insertion.Array[0, 120].Select(string.Concat);

    public static string Print((int Letter, LetterEdit[] Edits) sample) =>
        $"letter {sample.Letter}, edits [{string.Join(", ", sample.Edits.Select(e => e.ToString()))}]";
}
