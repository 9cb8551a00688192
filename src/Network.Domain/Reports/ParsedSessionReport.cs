namespace Network.Domain.Reports;

// What the session-letter parser reads out of a report, before any name is resolved to a tenant.
// Plain records: the importer turns them into grains; nothing here touches Orleans.

/// <summary>A whole session report.</summary>
/// <param name="Forum">The forum's short name, e.g. "GFMD".</param>
/// <param name="SessionCode">The session's letter or number, e.g. "C" for "Special session C".</param>
/// <param name="Title">The session's title, e.g. "Creating welcoming societies".</param>
/// <param name="Theme">The question the session worked on, if the title carries one.</param>
/// <param name="HeldOn">The session date: as given, or inferred from the periods.</param>
/// <param name="DateInferred">True when <paramref name="HeldOn"/> was inferred (then only its month is meaningful).</param>
public sealed record ParsedSessionReport(
    string Forum,
    string? SessionCode,
    string Title,
    string? Theme,
    DateOnly HeldOn,
    bool DateInferred,
    IReadOnlyList<ParsedPeriod> Periods,
    IReadOnlyList<ParsedPriorityMessage> PriorityMessages,
    IReadOnlyList<string> Reflections);

/// <summary>One commitment period, e.g. "the next 6 months, through GFMD in Germany".</summary>
/// <param name="Number">1 for the first period, 2 for the second.</param>
/// <param name="Title">The section heading as written (cleaned), e.g. "Civil society commitments for the next 6 months (through GFMD in Germany)".</param>
/// <param name="Milestone">What the period runs to, e.g. "GFMD Germany, June 2017" or "Year end 2017".</param>
/// <param name="DueOn">When it is due: the last day of the forum's month, or 31 December for a year end.</param>
public sealed record ParsedPeriod(
    int Number,
    string Title,
    string Milestone,
    DateOnly DueOn,
    IReadOnlyList<ParsedCommitment> Commitments);

/// <summary>One strategic step and who committed to it.</summary>
/// <param name="Ordinal">1 for the "First strategic step", 2 for the "Second", ...</param>
/// <param name="Text">What will be done, as one cleaned paragraph.</param>
/// <param name="WhoText">The "Specifically who in civil society will work on it?" answer, cleaned; empty if none.</param>
/// <param name="OwnerCandidates">Names of organisations or groups taken from <paramref name="WhoText"/> (and named in
/// <paramref name="Text"/> as working on it), split on '/', ',', ';' and 'and'; not yet resolved to tenants.</param>
/// <param name="Milestones">Dated steps found in the text, e.g. "launched by March 21" → 2017-03-21.</param>
/// <param name="Contacts">People named as contacts or coordinators.</param>
/// <param name="Interest">How many participants expressed interest, and their names if given.</param>
/// <param name="Condition">What the commitment waits on happening, e.g. "if there is interest".</param>
/// <param name="Dependency">What outside the network it depends on, e.g. "structure of UN campaign".</param>
/// <param name="Line">The 1-based line where the step starts in the report.</param>
public sealed record ParsedCommitment(
    int Ordinal,
    string Text,
    string WhoText,
    IReadOnlyList<string> OwnerCandidates,
    IReadOnlyList<ParsedMilestone> Milestones,
    IReadOnlyList<ParsedContact> Contacts,
    ParsedInterest? Interest,
    string? Condition,
    string? Dependency,
    int Line);

/// <summary>A dated step inside a commitment's text.</summary>
public sealed record ParsedMilestone(string Title, DateOnly DueOn);

/// <summary>A person named in a commitment.</summary>
/// <param name="Organisation">The organisation named with the person, e.g. "Immigrant Council of Ireland".</param>
/// <param name="Role">What the person does for the commitment, e.g. "shares information", "coordinate a Europe sub-group".</param>
/// <param name="Condition">When the person's part is conditional, e.g. "if there is interest".</param>
/// <param name="OrganisationTenant">The tenant the organisation is known to be (a structured document's export says
/// it); the importer resolves by it rather than by <paramref name="Organisation"/>, which stays the text as written.
/// The parser leaves it null.</param>
public sealed record ParsedContact(string Name, string? Organisation, string? Role, string? Condition, string? OrganisationTenant = null);

/// <summary>Participants who expressed interest: how many, and who when named.</summary>
public sealed record ParsedInterest(int Count, IReadOnlyList<string> Names);

/// <summary>A message the chair is to convey to governments, by a date.</summary>
public sealed record ParsedPriorityMessage(int Number, string Text, DateOnly DueOn);

/// <summary>One thing wrong with a report: which section, where, and what.</summary>
/// <param name="Section">e.g. "commitments, period 1", "priority messages", "reflections", "title".</param>
/// <param name="Line">1-based line number, when the problem is at a place in the text.</param>
public sealed record ReportProblem(string Section, int? Line, string Message);

/// <summary>The text is not a session report of the known format; nothing may be saved.</summary>
public sealed class ReportFormatException(IReadOnlyList<ReportProblem> problems)
    : Exception("The text is not a session report: " + string.Join("; ", problems.Select(p => p.Line is { } line ? $"{p.Section} (line {line}): {p.Message}" : $"{p.Section}: {p.Message}")))
{
    public IReadOnlyList<ReportProblem> Problems { get; } = problems;
}
