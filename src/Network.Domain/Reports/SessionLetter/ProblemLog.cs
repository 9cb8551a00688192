namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Collects every problem found, so that one refusal lists them all instead of stopping at the first.
/// </summary>
internal sealed class ProblemLog
{
    private readonly List<ReportProblem> problems = [];

    public IReadOnlyList<ReportProblem> Problems => problems;

    public bool HasProblems => problems.Count > 0;

    public void Add(string section, int? line, string message) => problems.Add(new ReportProblem(section, line, message));
}

/// <summary>The section names problems use; the HTTP layer shows them to the user as they are.</summary>
internal static class SectionNames
{
    public const string Title = "title";
    public const string PriorityMessages = "priority messages";
    public const string Reflections = "reflections";

    public static string Period(int number) => $"commitments, period {number}";
}
