namespace Network.Domain.Reports.SessionLetter;

/// <summary>
/// Collects every problem found, so that one refusal lists them all instead of stopping at the first.
/// </summary>
internal sealed class ProblemLog
{
    private readonly List<ReportProblem> problems = [];

    /// <summary>The problems in the template's order of sections (title, periods, priority messages, reflections), then by line.</summary>
    public IReadOnlyList<ReportProblem> Problems =>
        problems.OrderBy(p => SectionNames.Rank(p.Section)).ThenBy(p => p.Line ?? 0).ToList();

    public bool HasProblems => problems.Count > 0;

    public void Add(string section, int? line, string message) => problems.Add(new ReportProblem(section, line, message));
}

/// <summary>The section names problems use; the HTTP layer shows them to the user as they are.</summary>
internal static class SectionNames
{
    public const string Title = "title";
    public const string PriorityMessages = "priority messages";
    public const string Reflections = "reflections";

    private const string PeriodPrefix = "commitments, period ";

    public static string Period(int number) => PeriodPrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static int Rank(string section) => section switch
    {
        Title => 0,
        PriorityMessages => 1000,
        Reflections => 1001,
        _ when section.StartsWith(PeriodPrefix, StringComparison.Ordinal)
            && int.TryParse(section.AsSpan(PeriodPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => 999,
    };
}
