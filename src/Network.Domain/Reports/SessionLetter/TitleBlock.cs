using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>What the title block says: "Special session C - Creating welcoming societies — how can we ...?".</summary>
internal sealed record TitleFacts(string? Code, string Title, string? Theme, int Line);

/// <summary>
/// Reads the title block, everything before the first section heading. The template's own header
/// ("Special session letter + theme") is ignored; the title line is "Special session &lt;letter or number&gt; -
/// &lt;title&gt;", possibly wrapped onto the next lines, and the theme is what follows a dash or colon in the title.
/// </summary>
internal static partial class TitleBlock
{
    /// <summary>True for the session's title line ("Special session C - ..."), wherever it appears.</summary>
    public static bool IsTitleLine(string text) => TitleStart().IsMatch(text);

    /// <summary>True for the template's header, "Special session letter + theme", which carries no data.</summary>
    public static bool IsTemplateHeader(string text) => TemplateHeader().IsMatch(text);

    public static TitleFacts? Read(IReadOnlyList<ReportLine> block, ProblemLog problems)
    {
        var start = -1;
        for (var i = 0; i < block.Count && start < 0; i++)
        {
            if (IsTitleLine(block[i].Text))
            {
                start = i;
            }
        }
        if (start < 0)
        {
            problems.Add(SectionNames.Title, null,
                "the title line ('Special session <letter> - <title>') was not found before the first section");
            return null;
        }

        // The title may wrap; it ends at the first blank line.
        var pieces = new List<TextFragment>();
        for (var i = start; i < block.Count && !block[i].IsBlank && pieces.Count < 6; i++)
        {
            pieces.Add(new TextFragment(block[i].Text, block[i].Number));
        }
        var line = block[start].Number;
        var match = Title().Match(Paragraph.Join(pieces).Text);
        if (!match.Success)
        {
            problems.Add(SectionNames.Title, line, "the title line has no title after the session's letter");
            return null;
        }

        var rest = match.Groups["rest"].Value;
        var separator = ThemeSeparator().Match(rest);
        var title = separator.Success ? rest[..separator.Index].Trim() : rest.Trim();
        var theme = separator.Success ? rest[(separator.Index + separator.Length)..].Trim() : null;
        if (title.Length == 0)
        {
            problems.Add(SectionNames.Title, line, "the title line has no title after the session's letter");
            return null;
        }
        return new TitleFacts(match.Groups["code"].Value, title, string.IsNullOrEmpty(theme) ? null : theme, line);
    }

    // "Special" is required here: a reflection may well mention "session 3.1 - ...".
    [GeneratedRegex(@"^(?i:special\s)(?i:session)\s(?:[A-Z]{1,2}|[0-9]{1,2}(?:\.[0-9]{1,2})?|[A-Z][0-9]{1,2})\s?[-–—:]")]
    private static partial Regex TitleStart();

    [GeneratedRegex(@"^(?i:special\s)?(?i:session)\s(?<code>[A-Z]{1,2}|[0-9]{1,2}(?:\.[0-9]{1,2})?|[A-Z][0-9]{1,2})\s?[-–—:]\s?(?<rest>\S.*)$")]
    private static partial Regex Title();

    [GeneratedRegex(@"^special\ssession\sletter\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TemplateHeader();

    [GeneratedRegex(@"\s[-–—]+\s|[–—]|:\s")]
    private static partial Regex ThemeSeparator();
}
