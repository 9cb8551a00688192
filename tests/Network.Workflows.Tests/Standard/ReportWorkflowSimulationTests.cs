using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Loading;
using Network.Workflows.Runtime;
using Network.Workflows.Simulation;

namespace Network.Workflows.Tests.Standard;

/// <summary>The report workflows as they ship in workflows/, simulated: compiled on their day, reviewed, then published with their link.</summary>
public sealed class ReportWorkflowSimulationTests
{
    private static WorkflowDefinition Load(string id)
    {
        var result = WorkflowLoader.LoadFileAsync(Path.Combine(AppContext.BaseDirectory, "workflows", id + ".yaml")).GetAwaiter().GetResult();
        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        return result.Definition!;
    }

    private static JournalEntry Published(SimulationResult result) =>
        Assert.Single(result.State.Journal, j => j.Kind == JournalKinds.Published);

    [Fact]
    public void The_session_report_is_compiled_thirty_days_before_the_first_period_and_published_once_reviewed()
    {
        var imported = new DateTimeOffset(2016, 12, 10, 0, 0, 0, TimeSpan.Zero);
        var compiled = new DateTimeOffset(2017, 5, 31, 0, 0, 0, TimeSpan.Zero);
        var inputs = new JsonObject
        {
            ["sessionId"] = "gfmd-2016-c", ["tenantId"] = "network", ["title"] = "Session C", ["firstDueAt"] = "2017-06-30T00:00:00Z",
        };
        var review = new SimulatedEvent(compiled.AddDays(3), WorkflowSimulator.TaskCompletionPrefix + "review-the-report",
            new JsonObject { ["approved"] = true });

        var result = WorkflowSimulator.Run(Load("session-report"), imported, imported.AddYears(1), inputs, events: [review]);

        var notice = Assert.Single(result.Timeline, t => t.Kind == "notification");
        Assert.Equal(compiled, notice.At);
        Assert.Contains("/api/tenants/network/sessions/gfmd-2016-c/report?asOf=2017-05-31", notice.Detail, StringComparison.Ordinal);
        Assert.Contains(result.Timeline, t => t.Kind == "task" && t.Step == "review-the-report" && t.At == compiled);
        var published = Published(result);
        Assert.Equal(compiled.AddDays(3), published.At);
        Assert.Contains("\"link\":\"/api/tenants/network/sessions/gfmd-2016-c/report?asOf=2017-05-31\"", published.Inputs, StringComparison.Ordinal);
        Assert.True(result.State.IsEnded);
    }

    [Fact]
    public void A_tenant_setting_moves_the_session_report_s_day()
    {
        var imported = new DateTimeOffset(2016, 12, 10, 0, 0, 0, TimeSpan.Zero);
        var inputs = new JsonObject
        {
            ["sessionId"] = "s", ["tenantId"] = "network", ["title"] = "S", ["firstDueAt"] = "2017-06-30T00:00:00Z",
        };

        var result = WorkflowSimulator.Run(Load("session-report"), imported, imported.AddYears(1), inputs,
            settingsOverrides: new Dictionary<string, string> { ["reportDaysBefore"] = "60" });

        Assert.Equal(new DateTimeOffset(2017, 5, 1, 0, 0, 0, TimeSpan.Zero), result.Timeline.Single(t => t.Kind == "notification").At);
    }

    [Fact]
    public void The_year_end_review_is_compiled_on_its_day_and_published_with_its_year_once_reviewed()
    {
        var scheduled = new DateTimeOffset(2017, 12, 31, 6, 0, 0, TimeSpan.Zero);
        var inputs = new JsonObject { ["scheduledAt"] = "2017-12-31T06:00:00.0000000Z", ["tenantId"] = "network" };
        var review = new SimulatedEvent(scheduled.AddDays(10), WorkflowSimulator.TaskCompletionPrefix + "review-the-review",
            new JsonObject { ["approved"] = true });

        var result = WorkflowSimulator.Run(Load("year-end-review"), scheduled, scheduled.AddDays(60), inputs, events: [review]);

        Assert.Contains("/api/tenants/network/reviews/2017", result.Timeline.Single(t => t.Kind == "notification").Detail, StringComparison.Ordinal);
        var published = Published(result);
        Assert.Contains("\"year\":2017", published.Inputs, StringComparison.Ordinal);
        Assert.Contains("\"link\":\"/api/tenants/network/reviews/2017\"", published.Inputs, StringComparison.Ordinal);
    }
}
