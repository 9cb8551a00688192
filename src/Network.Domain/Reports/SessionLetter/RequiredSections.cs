namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Names the sections that are missing. The template numbers its sections: commitments periods 1..n, then the
/// priority messages, then the reflections. At least one period is required, and no period number may be missing
/// before the priority messages' number (so a report whose "2. Civil society commitments ..." was lost is refused,
/// while a report that only ever had one period, numbered 1, 2, 3, is not). Priority messages and reflections are
/// always required. The number a missing section should have had is taken from its neighbours.
/// </summary>
internal static class RequiredSections
{
    private const int TemplatePriorityNumber = 3;

    public static void Check(IReadOnlyList<RawSection> sections, ProblemLog problems)
    {
        var periods = sections.Where(s => s.Kind == SectionKind.Commitments).Select(s => s.Number).ToHashSet();
        var priority = sections.FirstOrDefault(s => s.Kind == SectionKind.PriorityMessages);
        var reflections = sections.FirstOrDefault(s => s.Kind == SectionKind.Reflections);

        var afterPeriods = priority?.Number
            ?? (periods.Count > 0 ? periods.Max() + 1 : reflections is null ? TemplatePriorityNumber : reflections.Number - 1);
        for (var number = 1; number < afterPeriods; number++)
        {
            if (!periods.Contains(number))
            {
                problems.Add(SectionNames.Period(number), null, $"section {number}, civil society commitments, was not found");
            }
        }
        if (periods.Count == 0 && afterPeriods <= 1)
        {
            problems.Add(SectionNames.Period(1), null, "section 1, civil society commitments, was not found");
        }
        if (priority is null)
        {
            problems.Add(SectionNames.PriorityMessages, null, $"section {afterPeriods}, priority messages, was not found");
        }
        if (reflections is null)
        {
            problems.Add(SectionNames.Reflections, null, $"section {afterPeriods + 1}, reflections, was not found");
        }
    }
}
