namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Turns one table row pair into a commitment: the step's text and the "who" answer as paragraphs, then what can
/// be read out of them (owners, contacts, interest, milestones, condition, dependency).
/// Owners are the organisations and groups named, never people (people are contacts), each once whatever its case.
/// </summary>
internal static class CommitmentReader
{
    public static ParsedCommitment Read(RawStep step, SessionCalendar? calendar, string section, ProblemLog problems)
    {
        var text = Paragraph.Join(step.Text);
        var who = Paragraph.Join(step.Who);

        // Interest is counted in the "who" answer, else in the text; only names in the answer are kept out of owners.
        var interestInWho = ClauseFinder.Interest(who.Text);
        var interest = interestInWho?.Interest ?? ClauseFinder.Interest(text.Text)?.Interest;
        var interestSpan = interestInWho is { } span ? (span.Start, span.End) : ((int, int)?)null;
        var parties = ContactFinder.Find(text.Text, who.Text, interestSpan);
        var people = parties.Contacts.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var interested = interest?.Names.ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var owners = parties.Organisations
            .Where(o => !people.Contains(o) && !interested.Contains(o))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        var milestones = MilestoneFinder.Find(text, calendar, section, problems)
            .Concat(MilestoneFinder.Find(who, calendar, section, problems))
            .ToList();

        return new ParsedCommitment(
            step.Ordinal,
            text.Text,
            who.Text,
            owners,
            milestones,
            parties.Contacts.Where(c => !interested.Contains(c.Name)).ToList(),
            interest,
            ClauseFinder.Condition(text.Text) ?? ClauseFinder.Condition(who.Text),
            ClauseFinder.Dependency(text.Text) ?? ClauseFinder.Dependency(who.Text),
            step.Line);
    }
}
