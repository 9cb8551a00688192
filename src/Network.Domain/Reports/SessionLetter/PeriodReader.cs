namespace Network.Domain.Reports.SessionLetter;

/// <summary>What a period runs to: a month (with its year when written), or the year's end.</summary>
internal sealed record PeriodTarget(bool YearEnd, int Month, int? Year);

/// <summary>What one commitments section says, before any year is filled in from the session's date.</summary>
internal sealed record PeriodFacts(
    int Number,
    string Title,
    int HeadingLine,
    PeriodTarget? Target,
    int? NextMonths,
    ForumMention? Forum,
    IReadOnlyList<RawStep> Steps);

/// <summary>
/// Reads a commitments section: its table, and the date it runs to from the heading, the question and the step
/// labels' tails. A year's end ("through to year-end 2017") wins over a month range ("June-December 2017"), which
/// wins over a single month ("in June 2017"); "the next 6 months" is kept to infer the session's date.
/// </summary>
internal static class PeriodReader
{
    public static PeriodFacts Read(RawSection section, ProblemLog problems)
    {
        var name = SectionNames.Period(section.Number);
        var table = TableReader.Read(section.Body);

        foreach (var line in table.MisplacedLabels)
        {
            problems.Add(name, line, "'Specifically who in civil society will work on it?' comes before any strategic step");
        }
        if (table.Steps.Count == 0)
        {
            problems.Add(name, section.Heading.Number,
                "no strategic step was found (expected a row such as 'First strategic step or action in the next 6 months')");
        }
        // A row the session left blank (no step, no one named) is an unused template row, not a malformed report:
        // real letters leave the second step empty when a group agreed on only one. It is skipped.
        var steps = table.Steps.Where(s => !(Paragraph.Join(s.Text).IsEmpty && Paragraph.Join(s.Who).IsEmpty)).ToList();
        if (table.Steps.Count > 0 && steps.Count == 0)
        {
            // Skipping blank rows must not leave a period with no commitment at all: that is no period.
            problems.Add(name, table.Steps[0].Line,
                "every strategic step row is blank; a period needs at least one step with its text and who will work on it");
        }
        foreach (var step in steps)
        {
            var ordinal = LabelGrammar.OrdinalWord(step.Ordinal);
            if (Paragraph.Join(step.Text).IsEmpty)
            {
                problems.Add(name, step.Line, $"the {ordinal} strategic step has no text, though someone is named to work on it");
            }
            var first = steps.First(s => s.Ordinal == step.Ordinal);
            if (first != step)
            {
                problems.Add(name, step.Line, $"a second '{ordinal}' strategic step (the first is at line {first.Line})");
            }
        }

        var headingAndQuestion = section.Title + " " + table.Question.Text;
        var labels = string.Join(" ", table.Steps.Select(s => string.Join(' ', s.LabelWords)));
        var target = FindTarget(headingAndQuestion + " " + labels);
        int? nextMonths = DatePhrases.TryFindNextMonths(headingAndQuestion, out var months) ? months : null;
        if (target is null && nextMonths is null)
        {
            problems.Add(name, section.Heading.Number,
                "the date the period runs to could not be understood (expected e.g. 'in June 2017' or 'through to year-end 2017')");
        }
        return new PeriodFacts(section.Number, section.Title, section.Heading.Number, target, nextMonths,
            ForumFinder.Find(headingAndQuestion), steps);
    }

    private static PeriodTarget? FindTarget(string text)
    {
        if (DatePhrases.TryFindYearEnd(text, out var year))
        {
            return new PeriodTarget(true, 12, year);
        }
        if (DatePhrases.TryFindRangeEnd(text, out var end) || DatePhrases.TryFindMonth(text, out end))
        {
            return new PeriodTarget(false, end.Month, end.Year);
        }
        return null;
    }
}
