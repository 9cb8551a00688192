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
/// one step row and a date it runs to that can be understood; a row left blank is skipped, but a step with no text
/// and someone named to work on it is refused;</item>
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

        // 1. Lines, cleaned of the PDF's artefacts and page furniture, cut into the title block and sections.
        var lines = PageFurniture.Remove(LineCleaner.Split(text), ReportStructure.IsStructural);
        var split = SectionSplitter.Split(lines);
        if (split.SecondReportLine is { } secondReport)
        {
            problems.Add(SectionNames.Title, secondReport,
                $"a second report starts at line {secondReport} ({split.SecondReportReason}); import one report at a time");
        }

        // 2. Each section read on its own; years are not known yet.
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

        // 3. The session's date, given or inferred; then every date the text left without a year.
        if (sessionDate is { Year: < DatePhrases.MinYear or > DatePhrases.MaxYear } given)
        {
            problems.Add(SectionNames.Title, null, $"the session date {given:yyyy-MM-dd} is not a date this report can be about");
            sessionDate = null;
        }
        var heldOn = sessionDate ?? SessionDateInference.Infer(periods, priority?.Due);
        if (heldOn is null && periods.Count > 0)
        {
            problems.Add(SectionNames.Title, title?.Line,
                "the session date could not be inferred (no period runs 'for the next N months' to a dated month, "
                + "and the priority messages' date gives no year); give the session date");
        }
        var calendar = heldOn is { } date ? new SessionCalendar(date) : null;

        // Commitments are read even when their period's date is not understood, so their own problems are listed too.
        var commitments = periods
            .Select(p => p.Steps.Select(s => CommitmentReader.Read(s, calendar, SectionNames.Period(p.Number), problems)).ToList())
            .ToList();
        var parsedPeriods = PeriodDates.Resolve(periods, calendar, forum, problems)
            .Select(p => p.Period with { Commitments = commitments[periods.IndexOf(p.Facts)] })
            .ToList();

        IReadOnlyList<ParsedPriorityMessage> messages = [];
        if (priority?.Due is { } due && calendar is not null)
        {
            if (calendar.Resolve(due) is { } dueOn)
            {
                messages = priority.Messages.Select(m => new ParsedPriorityMessage(m.Number, m.Text, dueOn)).ToList();
            }
            else
            {
                problems.Add(SectionNames.PriorityMessages, priority.DueLine, $"'{due.Text}' is not a date");
            }
        }

        if (title is null || calendar is null || forum is null || problems.HasProblems)
        {
            // Every way to get here has recorded its problem; the fallback only guards against a future slip.
            throw new ReportFormatException(problems.HasProblems
                ? problems.Problems
                : [new ReportProblem(SectionNames.Title, null, "the report could not be read")]);
        }
        return new ParsedSessionReport(forum, title.Code, title.Title, title.Theme, calendar.HeldOn, sessionDate is null,
            parsedPeriods, messages, reflections);
    }
}
