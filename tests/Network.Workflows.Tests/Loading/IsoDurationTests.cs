using Network.Workflows.Loading;

namespace Network.Workflows.Tests.Loading;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("P45D", 0, 0, 45 * 24.0)]
    [InlineData("PT12H", 0, 0, 12.0)]
    [InlineData("P1DT6H", 0, 0, 30.0)]
    [InlineData("PT1M", 0, 0, 1 / 60.0)]
    [InlineData("PT1.5S", 0, 0, 1.5 / 3600)]
    [InlineData("P2W", 0, 0, 14 * 24.0)]
    [InlineData("P1M", 0, 1, 0.0)]
    [InlineData("P1Y2M3DT4H", 1, 2, 3 * 24 + 4.0)]
    public void Parses_days_and_time_with_XmlConvert_and_keeps_years_and_months_apart(string text, int years, int months, double hours)
    {
        var duration = IsoDuration.Parse(text);

        Assert.Equal(years, duration.Years);
        Assert.Equal(months, duration.Months);
        Assert.Equal(hours, duration.Time.TotalHours, precision: 9);
        Assert.True(IsoDuration.HasLiteralShape(text));
    }

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P45")]
    [InlineData("P1DT")]
    [InlineData("P1D2H")]
    [InlineData("P0.5D")]
    [InlineData("p45d")]
    [InlineData("-P1D")]
    [InlineData("P1W2D")]
    [InlineData("P99999999999D")]
    public void Refuses_what_is_not_an_ISO_8601_duration_but_looks_like_one(string text)
    {
        Assert.True(IsoDuration.HasLiteralShape(text));
        Assert.False(IsoDuration.TryParse(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    [Theory]
    [InlineData("settings.stallAfter")]
    [InlineData("vars.delay")]
    [InlineData("45 days")]
    [InlineData("Period")]
    public void An_expression_does_not_have_the_literal_shape(string text) => Assert.False(IsoDuration.HasLiteralShape(text));

    [Fact]
    public void A_month_is_a_calendar_month()
    {
        var january31 = new DateTimeOffset(2017, 1, 31, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2017, 2, 28, 9, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P1M").AddTo(january31));
        Assert.Equal(new DateTimeOffset(2017, 3, 31, 9, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P2M").AddTo(january31));
        Assert.Equal(new DateTimeOffset(2018, 2, 28, 21, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P1Y1MT12H").AddTo(january31));
        Assert.True(IsoDuration.Parse("P1M").HasCalendarUnits);
        Assert.False(IsoDuration.Parse("P30D").HasCalendarUnits);
    }
}
