using System.Globalization;

namespace Network.Bench;

/// <summary>Prints the history scenario's figures as a Markdown table, then what they mean.</summary>
internal static class HistoryTable
{
    public static void Print(HistoryFigures figures)
    {
        static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
        var header = new[] { "history, " + figures.Engine, "timed", "progress/s", "p50 ms", "p99 ms", "history entries after", "journal lines after" };
        var rows = new[] { figures.AtSmall, figures.AtLarge }.Select(run => new[]
        {
            $"commitment with {run.UpdatesBefore:N0} updates", F(run.Updates, "N0"), F(run.PerSecond, "N1"),
            F(run.P50Milliseconds, "N2"), F(run.P99Milliseconds, "N2"), F(run.HistoryEntries, "N0"), F(run.JournalLines, "N0"),
        }).ToList();
        Console.WriteLine();
        MarkdownTable.Print(header, rows);
        Console.WriteLine();
        Console.WriteLine($"""
            Scenario: an owner's member key records progress (statuses in turn) on two commitments of one session, one
            brought to {figures.AtSmall.UpdatesBefore:N0} updates and one to {figures.AtLarge.UpdatesBefore:N0} first (set-up: {figures.SetupSeconds:N0} s), then {figures.AtSmall.Updates:N0} more on each, one at a time,
            each awaited, the two commitments taking turns: progress/s = a commitment's updates timed / their time. "journal lines": the commitment's lifecycle instance's journal.
             - Through CommitmentService.ReportProgressAsync, the domain code of POST /api/tenants/{"{t}"}/commitments/{"{id}"}/progress, as
               the caller the HTTP door enters for the key; the HTTP request and the key check are not counted.
             - In a silo wired as the host, with its workflow library: each update stores the commitment (appending its new history entry)
               and its list row, then hands ProgressReported to the workflows (the commitment's lifecycle instance resumes
               and is stored; the event is kept in the wait index for later waits) and to the tenants' links (none here).
             - Store: {figures.Store}.
            """);
    }
}
