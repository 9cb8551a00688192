using Network.Web.Workflows;

namespace Network.Web.Tests.Workflows;

public sealed class SimulationFormTests
{
    [Fact]
    public void A_filled_form_becomes_a_request_with_events_on_their_days_and_the_overrides()
    {
        var form = new SimulationForm { StartDate = new DateTime(2026, 1, 1), Days = 60 };
        form.SuggestInputs(["commitmentId", "dueAt"]);
        form.Events.Add(new ScriptedEvent { Type = "ProgressReported", Day = 10, DataJson = """{ "commitmentId": "sample-commitmentId" }""" });
        form.Settings.Add(new SettingOverride { Name = "stallAfter", Value = "P30D" });

        var request = form.ToRequest(out var problems);

        Assert.Empty(problems);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), request!.Start);
        Assert.Equal(request.Start.AddDays(60), request.Until);
        Assert.Equal("sample-commitmentId", (string?)request.Inputs!["commitmentId"]);
        Assert.Equal("2026-07-02T00:00:00Z", (string?)request.Inputs["dueAt"]);
        var scripted = Assert.Single(request.Events!);
        Assert.Equal(request.Start.AddDays(10), scripted.At);
        Assert.Equal("P30D", request.Settings!["stallAfter"]);
    }

    [Fact]
    public void Every_problem_is_named_and_no_request_is_made()
    {
        var form = new SimulationForm { Days = 0, InputsJson = "[1]" };
        form.Events.Add(new ScriptedEvent { Type = "", Day = 5, DataJson = "{ nope" });

        var request = form.ToRequest(out var problems);

        Assert.Null(request);
        Assert.Contains("days: between 1 and 3660", problems);
        Assert.Contains(problems, p => p.StartsWith("inputs: must be a JSON object", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("event 1: give its type", StringComparison.Ordinal));
        Assert.Contains("event 1: its day must be between 0 and 0", problems);
        Assert.Contains(problems, p => p.StartsWith("event 1 data: not valid JSON", StringComparison.Ordinal));
    }
}
