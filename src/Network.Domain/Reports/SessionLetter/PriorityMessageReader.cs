using System.Globalization;
using System.Text.RegularExpressions;

namespace Network.Domain.Reports.SessionLetter;

/// <summary>The priority messages as written, and the day they are due ("by the CSD Chair on 10 December").</summary>
internal sealed record PriorityFacts(IReadOnlyList<(int Number, string Text, int Line)> Messages, DayRef? Due, int DueLine);

/// <summary>
/// Reads the priority messages section: a question, then messages numbered "1)", "2.", "(3)" at line starts, each
/// running until the next number. Only the next number in sequence starts a message, so a line of a message that
/// happens to start with a number stays in it. The day they are due is taken from the heading, else the question.
/// </summary>
internal static partial class PriorityMessageReader
{
    public static PriorityFacts Read(RawSection section, ProblemLog problems)
    {
        var messages = new List<(int Number, List<TextFragment> Text, int Line)>();
        foreach (var line in section.Body.Where(l => !l.IsBlank))
        {
            var match = NumberedItem().Match(line.Text);
            if (match.Success && int.Parse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture) == messages.Count + 1)
            {
                messages.Add((messages.Count + 1, [new TextFragment(match.Groups["text"].Value, line.Number)], line.Number));
            }
            else if (messages.Count > 0)
            {
                messages[^1].Text.Add(new TextFragment(line.Text, line.Number));
            }
        }

        if (messages.Count == 0)
        {
            problems.Add(SectionNames.PriorityMessages, section.Heading.Number, "no numbered message ('1) ...') was found");
        }
        var result = new List<(int, string, int)>();
        foreach (var (number, fragments, line) in messages)
        {
            var text = Paragraph.Join(fragments).Text;
            if (text.Length == 0)
            {
                problems.Add(SectionNames.PriorityMessages, line, $"message {number} has no text");
            }
            result.Add((number, text, line));
        }

        var question = Paragraph.Join(section.Body.TakeWhile(l => l.IsBlank || !NumberedItem().IsMatch(l.Text))
            .Where(l => !l.IsBlank).Select(l => new TextFragment(l.Text, l.Number)));
        var due = FindDue(section.Title, section.Heading.Number, question, out var dueLine);
        if (due is null)
        {
            problems.Add(SectionNames.PriorityMessages, section.Heading.Number,
                "the date the messages are to be conveyed was not found (expected e.g. 'by the CSD Chair on 10 December')");
        }
        else if (!DatePhrases.CanExist(due.Value.Month, due.Value.Day)
                 || (due.Value.Year is { } year && !DatePhrases.IsValid(year, due.Value.Month, due.Value.Day)))
        {
            problems.Add(SectionNames.PriorityMessages, dueLine, $"'{due.Value.Text}' is not a date");
            due = null;
        }
        return new PriorityFacts(result, due, dueLine);
    }

    private static DayRef? FindDue(string heading, int headingLine, Paragraph question, out int line)
    {
        line = headingLine;
        foreach (var day in DatePhrases.FindDays(heading))
        {
            return day;
        }
        foreach (var day in DatePhrases.FindDays(question.Text))
        {
            line = question.LineAt(day.Index) ?? headingLine;
            return day;
        }
        return null;
    }

    [GeneratedRegex(@"^\(?(?<n>[0-9]{1,2})\s?[).:]\s?(?<text>.*)$")]
    private static partial Regex NumberedItem();
}
