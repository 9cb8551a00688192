namespace Network.Host.Tests.Infrastructure;

/// <summary>The real session report shipped with the tests, and variants of it.</summary>
public static class SampleReports
{
    public static string GfmdSessionC { get; } =
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "gfmd-2016-session-c-report.txt"));
}
