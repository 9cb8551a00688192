namespace Network.Domain.Reports.SessionLetter;

/// <summary>One row pair of a commitments table: a strategic step, its text, and who will work on it.</summary>
internal sealed class RawStep(int ordinal, int line)
{
    public int Ordinal { get; } = ordinal;

    /// <summary>The line where the step's label starts.</summary>
    public int Line { get; } = line;

    public List<string> LabelWords { get; } = [];

    public List<TextFragment> Text { get; } = [];

    public List<TextFragment> Who { get; } = [];
}

/// <summary>A commitments section's body: the question before the table, the steps, and the lines of misplaced labels.</summary>
internal sealed record TableContent(Paragraph Question, IReadOnlyList<RawStep> Steps, IReadOnlyList<int> MisplacedLabels);

/// <summary>
/// Reads a commitments table from the PDF's text, where the left column's labels ("First strategic step or /
/// action in the next 6 / months", "Specifically who in civil / society will work on it?") are broken over lines
/// and may share a line with the right column's text ("action in the 6 months address structural inequalities...").
/// <para>
/// At the start of each line, the words that continue the open label are consumed; what is left is content.
/// So that content is never eaten, a continuation is accepted only when it is the whole line, ends at a column
/// border, finishes the label, or is at least two words long, and never when it starts with a capital where the
/// template has a lower-case word (that is a sentence of content). An open label whose words are all there closes
/// at the first line of pure content, so a later sentence starting "between June and ..." stays content.
/// </para>
/// </summary>
internal static class TableReader
{
    public static TableContent Read(IEnumerable<ReportLine> body)
    {
        var question = new List<TextFragment>();
        var misplacedLabels = new List<int>();
        var unplaced = new List<TextFragment>();
        var steps = new List<RawStep>();
        RawStep? step = null;
        var target = question;
        LabelGrammar? open = null;
        var openPosition = 0;

        foreach (var line in body.Where(l => !l.IsBlank))
        {
            var tokens = TableTokens.Split(line.Text);
            var next = 0;

            if (open is not null)
            {
                var match = open.Match(openPosition, tokens, 0);
                if (AcceptsContinuation(open, openPosition, match, tokens))
                {
                    if (open.Kind == LabelKind.StrategicStep)
                    {
                        step?.LabelWords.AddRange(tokens.Take(match.NextToken));
                    }
                    openPosition = match.Position;
                    next = match.NextToken;
                }
            }

            if (next == 0)
            {
                foreach (var grammar in LabelGrammar.All)
                {
                    var match = grammar.Match(0, tokens, 0);
                    if (!grammar.Starts(match))
                    {
                        continue;
                    }
                    open = grammar;
                    openPosition = match.Position;
                    next = match.NextToken;
                    if (grammar.Kind == LabelKind.StrategicStep)
                    {
                        LabelGrammar.TryOrdinal(tokens[0], out var ordinal);
                        step = new RawStep(ordinal, line.Number);
                        step.LabelWords.AddRange(tokens.Take(next));
                        steps.Add(step);
                        target = step.Text;
                    }
                    else if (step is null)
                    {
                        // "Specifically who ..." before any step: its answer belongs to no step (and is refused).
                        misplacedLabels.Add(line.Number);
                        target = unplaced;
                    }
                    else
                    {
                        target = step.Who;
                    }
                    break;
                }
            }

            if (next == 0 && open is not null && open.IsComplete(openPosition))
            {
                // A line of pure content: a label with all its words cannot take an optional tail any more.
                open = null;
            }

            var content = TableTokens.Rest(tokens, next);
            if (content.Length > 0)
            {
                target.Add(new TextFragment(content, line.Number));
            }

            if (open is not null && open.IsFinished(openPosition))
            {
                open = null;
            }
        }
        return new TableContent(Paragraph.Join(question), steps, misplacedLabels);
    }

    private static bool AcceptsContinuation(LabelGrammar grammar, int position, LabelMatch match, string[] tokens)
    {
        if (match.Words == 0)
        {
            return false;
        }
        var wholeLine = match.NextToken == tokens.Length;
        var endsAtBorder = !wholeLine && TableTokens.IsSeparator(tokens[match.NextToken]);
        if (wholeLine || endsAtBorder)
        {
            return true;
        }
        if (match.FirstWordCapitalisedAgainstTemplate)
        {
            return false;
        }
        var finishesLabel = !grammar.IsComplete(position) && grammar.IsComplete(match.Position);
        return match.Words >= 2 || finishesLabel;
    }
}
