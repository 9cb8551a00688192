using Network.Domain.Commitments;
using Network.Workflows.Loading;

namespace Network.Domain.Tests.Commitments;

public sealed class TrafficLightTests
{
    private static readonly DateTimeOffset Now = new(2017, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IsoDuration Month = IsoDuration.Parse("P1M");

    [Theory]
    [InlineData("stalled")]
    [InlineData("blocked")]
    public void Stalled_and_blocked_are_red_whatever_the_dates(string status) =>
        Assert.Equal(TrafficLightColour.Red, TrafficLight.Of(status, new DateOnly(2018, 1, 1), Now, Month, Now));

    [Fact]
    public void Past_its_due_date_and_not_complete_is_red_even_with_fresh_progress() =>
        Assert.Equal(TrafficLightColour.Red, TrafficLight.Of("substantial", new DateOnly(2017, 2, 28), Now.AddHours(-1), Month, Now));

    [Fact]
    public void Complete_is_green_after_its_due_date() =>
        Assert.Equal(TrafficLightColour.Green, TrafficLight.Of("complete", new DateOnly(2016, 1, 1), Now.AddYears(-1), Month, Now));

    [Fact]
    public void Withdrawn_is_grey() =>
        Assert.Equal(TrafficLightColour.Grey, TrafficLight.Of("withdrawn", new DateOnly(2016, 1, 1), Now, Month, Now));

    [Fact]
    public void Progress_within_the_check_in_period_is_green_even_when_due_soon() =>
        Assert.Equal(TrafficLightColour.Green, TrafficLight.Of("limited", new DateOnly(2017, 3, 10), Now.AddDays(-20), Month, Now));

    [Fact]
    public void Due_within_thirty_days_without_recent_progress_is_amber() =>
        Assert.Equal(TrafficLightColour.Amber, TrafficLight.Of("limited", new DateOnly(2017, 3, 31), Now.AddDays(-40), Month, Now));

    [Fact]
    public void The_check_in_period_is_calendar_months_and_its_last_moment_still_counts()
    {
        // 1 February + P1M is 1 March: a sign of life exactly one period ago is still within it.
        var lastActivity = new DateTimeOffset(2017, 2, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TrafficLightColour.Green, TrafficLight.Of("not-started", new DateOnly(2017, 12, 31), lastActivity, Month, Now));
        Assert.Equal(TrafficLightColour.Amber, TrafficLight.Of("not-started", new DateOnly(2017, 12, 31), lastActivity.AddSeconds(-1), Month, Now));
    }

    [Fact]
    public void A_shorter_check_in_period_turns_amber_sooner() =>
        Assert.Equal(TrafficLightColour.Amber,
            TrafficLight.Of("limited", new DateOnly(2017, 12, 31), Now.AddDays(-8), IsoDuration.Parse("P1W"), Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("monthly")]
    [InlineData("P0D")]
    public void An_unreadable_or_empty_setting_falls_back_to_a_month(string? setting) =>
        Assert.Equal(TrafficLight.DefaultCheckInPeriod, TrafficLight.CheckInPeriod(setting));

    [Fact]
    public void A_readable_setting_is_used() =>
        Assert.Equal(IsoDuration.Parse("P2W"), TrafficLight.CheckInPeriod("P2W"));

    [Theory]
    [InlineData(2017, 3, 1, true)]
    [InlineData(2017, 3, 31, true)]
    [InlineData(2017, 4, 1, false)]
    [InlineData(2017, 2, 28, false)]
    public void Due_soon_is_today_to_thirty_days_ahead(int year, int month, int day, bool expected) =>
        Assert.Equal(expected, TrafficLight.IsDueSoon(new DateOnly(year, month, day), Now));
}
