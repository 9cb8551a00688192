namespace Network.Domain.Reports.SessionLetter;

/// <summary>A section of the report: its heading, its number (as written, or the previous one + 1), and its lines.</summary>
internal sealed record RawSection(SectionKind Kind, int Number, string Title, ReportLine Heading, IReadOnlyList<ReportLine> Body);

/// <summary>The report cut into its title block and sections; <see cref="SecondReportLine"/> is set when another report follows.</summary>
internal sealed record SplitReport(
    IReadOnlyList<ReportLine> TitleBlock,
    IReadOnlyList<RawSection> Sections,
    int? SecondReportLine,
    string? SecondReportReason);

/// <summary>
/// Cuts the cleaned lines at the section headings. Everything before the first heading is the title block.
/// After the first heading, a repeat of the report's own title or of the template header is a page header and is
/// dropped, unless a section then starts again: a section that was already seen, or another session's title, means
/// a second report was pasted after the first. Splitting stops there and the caller refuses the text, because
/// importing only one of the two would silently drop the other's data.
/// </summary>
internal static class SectionSplitter
{
    private const int MaxHeadingLines = 3;

    public static SplitReport Split(IReadOnlyList<ReportLine> lines)
    {
        var titleBlock = new List<ReportLine>();
        var sections = new List<RawSection>();
        List<ReportLine>? body = null;
        string? firstTitle = null;
        int? repeatedTitleLine = null;
        var lastNumber = 0;

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.IsBlank)
            {
                (body ?? titleBlock).Add(line);
                continue;
            }

            if (SectionHeading.TryParse(line.Text, out var heading))
            {
                var number = heading.Number ?? lastNumber + 1;
                if (sections.Any(s => s.Kind == heading.Kind && (s.Number == number || s.Kind != SectionKind.Commitments)))
                {
                    var kind = SectionHeading.KindName(heading.Kind);
                    return new SplitReport(titleBlock, sections, repeatedTitleLine ?? line.Number,
                        $"section {number}, {kind}, starts again at line {line.Number}");
                }
                repeatedTitleLine = null;
                var title = heading.Title;
                var headingLines = 1;
                // A heading with an unclosed parenthesis continues on the next line: "(through" / "GFMD in Germany)".
                while (Unbalanced(title) && headingLines < MaxHeadingLines && i + 1 < lines.Count && !lines[i + 1].IsBlank
                       && !SectionHeading.TryParse(lines[i + 1].Text, out _))
                {
                    i++;
                    headingLines++;
                    title += " " + lines[i].Text;
                }
                body = [];
                sections.Add(new RawSection(heading.Kind, number, title, line, body));
                lastNumber = number;
                continue;
            }

            if (body is null)
            {
                titleBlock.Add(line);
                if (firstTitle is null && TitleBlock.IsTitleLine(line.Text))
                {
                    firstTitle = line.Text;
                }
                continue;
            }

            if (TitleBlock.IsTitleLine(line.Text))
            {
                if (!string.Equals(line.Text, firstTitle, StringComparison.Ordinal))
                {
                    return new SplitReport(titleBlock, sections, repeatedTitleLine ?? line.Number,
                        $"another session's title is at line {line.Number}");
                }
                repeatedTitleLine ??= line.Number;
                continue;
            }

            if (TitleBlock.IsTemplateHeader(line.Text))
            {
                repeatedTitleLine ??= line.Number;
                // The header is often wrapped as "Special session letter +" / "theme".
                if (i + 1 < lines.Count && string.Equals(lines[i + 1].Text, "theme", StringComparison.OrdinalIgnoreCase))
                {
                    i++;
                }
                continue;
            }

            body.Add(line);
        }
        return new SplitReport(titleBlock, sections, null, null);
    }

    private static bool Unbalanced(string text) => text.Count(c => c == '(') > text.Count(c => c == ')');
}
