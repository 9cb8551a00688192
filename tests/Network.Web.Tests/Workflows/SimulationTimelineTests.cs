using Network.Web.Tests.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Network.Contracts.Workflows;
using Network.Web.Workflows;

namespace Network.Web.Tests.Workflows;

public sealed class SimulationTimelineTests : ComponentTestContext
{
    public SimulationTimelineTests()
    {
    }

    [Fact]
    public void Each_entry_is_a_table_row_on_its_day_and_a_mark_on_its_steps_row()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var result = new SimulationResultResource(
        [
            new TimelineEntryResource(start, "step", "watch-for-progress", "waiting for ProgressReported"),
            new TimelineEntryResource(start.AddDays(30).AddHours(1), "stalled", "stalled", "no progress"),
            new TimelineEntryResource(start.AddDays(37), "escalated", "alert-tenant-coordinator", "level 2"),
        ], "waiting");

        var timeline = Render<SimulationTimeline>(p => p.Add(c => c.Result, result).Add(c => c.Start, start).Add(c => c.Days, 60));

        var rows = timeline.FindAll("tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Equal("30", rows[1].GetAttribute("data-day"));
        Assert.Equal(["day 30", "stalled", "stalled", "no progress"], rows[1].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(3, timeline.FindAll("circle").Count);
        Assert.Equal("day 37 — escalated — alert-tenant-coordinator — level 2", timeline.Find("circle[data-kind='escalated'] title").TextContent);
        Assert.Contains("waiting", timeline.Markup, StringComparison.Ordinal);
    }
}
