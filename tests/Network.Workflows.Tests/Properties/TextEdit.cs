using System.Globalization;
using CsCheck;

namespace Network.Workflows.Properties;

/// <summary>
/// One change to a definition file's lines, as an editor slip makes them: lines dropped, duplicated, swapped,
/// indented or dedented, cut short; characters inserted (YAML's own: ':', '-', '[', '{', '&amp;', '*', '!', '|',
/// quotes, tabs) or any UTF-16 unit; a line replaced or made very long. Positions are taken modulo the text's.
/// </summary>
internal sealed record TextEdit(int Kind, int At, int To, string Text)
{
    private static readonly string[] YamlPieces =
    [
        ":", ": ", "- ", "-", "[", "]", "{", "}", "&a ", "*a", "!!str ", "!x ", "|", ">", "'", "\"", "#", "\t", "  ", "    ", "\n", "\r", "---\n", "...",
        "? ", ",", "%YAML 1.2\n", "<<: *a", "~", "null", "true", "P", "PT", "P1Y", "PT-1H", "P99999999999D", "0 0 31 2 *", "* * * * * *",
        "then: end", "then: nowhere", "id: x", "steps:", "steps: []", "wait-for: ", "timer:", "after: ", "until: ", "cron: ", "parallel: [a, b]",
        "join: 3", "loop: x", "max: -1", "do: []", "if: ", "switch:", "retry: { attempts: 0 }", "version: 0", "version: 99999999999",
        "\u00A0", "\uFEFF", "\u2028", "\uD800", "\uD83D\uDE00", "é", "\0",
    ];

    public static readonly Gen<TextEdit> Any = Gen.Select(
        Gen.Int[0, 9], Gen.Int[0, 100_000], Gen.Int[0, 100_000],
        Gen.Frequency(
            (4, Gen.OneOf(YamlPieces)),
            (1, Gen.Int[0, 0xFFFF].Select(i => ((char)i).ToString()).Array[1, 8].Select(string.Concat))),
        (kind, at, to, text) => new TextEdit(kind, at, to, text));

    public static string Apply(string yaml, IEnumerable<TextEdit> edits) =>
        string.Join('\n', edits.Aggregate(yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList(), (lines, edit) => edit.Apply(lines)));

    public List<string> Apply(List<string> lines)
    {
        if (lines.Count == 0)
        {
            return [Text];
        }
        var at = At % lines.Count;
        var line = lines[at];
        switch (Kind)
        {
            case 0:
                lines.RemoveRange(at, Math.Min(1 + To % 4, lines.Count - at));
                break;
            case 1:
                lines.Insert(at, line);
                break;
            case 2:
                var to = To % lines.Count;
                (lines[at], lines[to]) = (lines[to], lines[at]);
                break;
            case 3:
                lines[at] = line.Insert(To % (line.Length + 1), Text);
                break;
            case 4:
                lines[at] = new string(' ', To % 7) + line.TrimStart();
                break;
            case 5:
                lines[at] = Text;
                break;
            case 6:
                lines[at] = line + string.Concat(Enumerable.Repeat(" " + Text, 5_000));
                break;
            case 7:
                lines.RemoveRange(at, lines.Count - at);
                break;
            case 8:
                lines[at] = string.Concat(line.Select(c => char.IsAsciiDigit(c) ? (char)('0' + ((c - '0' + To) % 10)) : c));
                break;
            default:
                lines.Insert(at, Text);
                break;
        }
        return lines;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Kind}, {At}, {To}, {string.Concat(Text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()))})");
}
