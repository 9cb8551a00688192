using Network.Domain.Reports.SessionLetter;

namespace Network.Domain.Reports;

/// <summary>
/// Reads a GFMD Civil Society Days "special session letter", as text taken from its PDF, into a
/// <see cref="ParsedSessionReport"/>. Refuses anything else with a <see cref="ReportFormatException"/> that lists
/// every problem found; never throws anything else for any text.
/// <para>The template, and what is required of it:</para>
/// <list type="bullet">
/// <item><b>title</b> (required): "Special session &lt;letter&gt; - &lt;title&gt; [— &lt;theme&gt;]", before the sections;</item>
/// <item><b>commitments</b> (at least one period required; sections 1..n, with no number missing before the priority
/// messages): "N. Civil society commitments for ...", a question, then rows "&lt;ordinal&gt; strategic step or action
/// in the ... months" + text, "Specifically who in civil society will work on it?" + answer. Each period needs at least
/// one step, each step some text, and a date it runs to that can be understood;</item>
/// <item><b>priority messages</b> (required): "N. Priority messages to convey ... on &lt;day month&gt;", a question, then
/// numbered messages (at least one) and a day they are due;</item>
/// <item><b>reflections</b> (required): "N. Reflections", then bullets or paragraphs (at least one).</item>
/// </list>
/// Sections may come in any order; a second report pasted after the first is refused, never silently dropped.
/// <para>Dates: the session date is <c>sessionDate</c> when given, else inferred (see
/// <see cref="SessionDateInference"/>); years left out of the text are filled in from it (see <see cref="SessionCalendar"/>).</para>
/// </summary>
public static class SessionReportParser
{
    public static ParsedSessionReport Parse(string text, DateOnly? sessionDate = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new ProblemLog();

        var lines = PageFurniture.Remove(LineCleaner.Split(text), IsStructure);
        var split = SectionSplitter.Split(lines);
        if (split.SecondReportLine is { } secondReport)
        {
            problems.Add(SectionNames.Title, secondReport,
                $"a second report starts at line {secondReport} ({split.SecondReportReason}); import one report at a time");
        }

        var title = TitleBlock.Read(split.TitleBlock, problems);
        RequiredSections.Check(split.Sections, problems);

        var periods = split.Sections
            .Where(s => s.Kind == SectionKind.Commitments)
            .OrderBy(s => s.Number)
            .Select(s => PeriodReader.Read(s, problems))
            .ToList();
        var priority = split.Sections.FirstOrDefault(s => s.Kind == SectionKind.PriorityMessages) is { } prioritySection
            ? PriorityMessageReader.Read(prioritySection, problems)
            : null;
        var reflections = split.Sections.FirstOrDefault(s => s.Kind == SectionKind.Reflections) is { } reflectionSection
            ? ReflectionReader.Read(reflectionSection, problems)
            : [];

        var forum = periods.Select(p => p.Forum).FirstOrDefault(f => f is not null)?.Forum
            ?? ForumFinder.MostFrequentAcronym(string.Join('\n', lines.Select(l => l.Text)));
        if (forum is null && split.Sections.Count > 0)
        {
            problems.Add(SectionNames.Title, title?.Line,
                "the forum was not found (expected its name where the first period ends, e.g. 'through GFMD in Germany')");
        }

        var heldOn = sessionDate ?? SessionDateInference.Infer(periods, priority?.Due);
        if (heldOn is null && periods.Count > 0)
        {
            problems.Add(SectionNames.Title, title?.Line,
                "the session date could not be inferred (no period runs 'for the next N months' to a dated month, "
                + "and the priority messages' date gives no year); give the session date");
        }
        var calendar = heldOn is { } date ? new SessionCalendar(date) : null;

        var parsedPeriods = PeriodDates.Resolve(periods, calendar, forum, problems)
            .Select(p => p.Period with
            {
                Commitments = p.Facts.Steps.Select(s => CommitmentReader.Read(s, calendar, SectionNames.Period(p.Facts.Number), problems)).ToList(),
            })
            .ToList();
        var messages = priority is null || calendar is null || priority.Due is not { } due || calendar.Resolve(due) is not { } dueOn
            ? []
            : priority.Messages.Select(m => new ParsedPriorityMessage(m.Number, m.Text, dueOn)).ToList();

        if (problems.HasProblems || title is null || calendar is null || forum is null)
        {
            throw new ReportFormatException(problems.Problems);
        }
        return new ParsedSessionReport(forum, title.Code, title.Title, title.Theme, calendar.HeldOn, sessionDate is null,
            parsedPeriods, messages, reflections);
    }

    // Lines the structure needs, which a repeated page header or footer must never be mistaken for.
    private static bool IsStructure(string text) =>
        TitleBlock.IsTitleLine(text) || TitleBlock.IsTemplateHeader(text) || SectionHeading.TryParse(text, out _)
        || LabelGrammar.All.Any(g => g.Match(0, TableTokens.Split(text), 0).Words > 0);
}
