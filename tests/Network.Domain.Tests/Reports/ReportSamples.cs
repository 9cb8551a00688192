namespace Network.Domain.Tests.Reports;

/// <summary>The report fixtures, and the mangling the variant tests apply to them.</summary>
internal static class ReportSamples
{
    public static string Gfmd2016SessionC { get; } =
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "Samples", "gfmd-2016-session-c-report.txt"));

    public static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    public static string Join(IEnumerable<string> lines) => string.Join('\n', lines);

    /// <summary>The 1-based line number of the first line that starts with <paramref name="start"/>.</summary>
    public static int LineOf(string text, string start, int after = 0) =>
        Array.FindIndex(Lines(text), after, l => l.TrimStart().StartsWith(start, StringComparison.Ordinal)) + 1;

    /// <summary>The lines from the one starting with <paramref name="from"/> up to (not including) the one starting with <paramref name="to"/>.</summary>
    public static string WithoutLines(string text, string from, string? to)
    {
        var lines = Lines(text);
        var start = LineOf(text, from) - 1;
        var end = to is null ? lines.Length : LineOf(text, to, start) - 1;
        Assert.True(start >= 0 && end > start, $"'{from}' must come before '{to}'");
        return Join(lines.Take(start).Concat(lines.Skip(end)));
    }
}
