namespace Network.Domain.Reports.SessionLetter;

/// <summary>Lines the report's structure needs, which a repeated page header or footer must never be mistaken for.</summary>
internal static class ReportStructure
{
    public static bool IsStructural(string line) =>
        TitleBlock.IsTitleLine(line)
        || TitleBlock.IsTemplateHeader(line)
        || SectionHeading.TryParse(line, out _)
        || LabelGrammar.All.Any(g => g.IsWholeLinePiece(line) || g.Starts(g.Match(0, TableTokens.Split(line), 0)));
}
