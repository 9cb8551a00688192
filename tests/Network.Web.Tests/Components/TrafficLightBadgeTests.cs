using Bunit;
using Network.Domain.Commitments;
using Network.Web.Commitments;

namespace Network.Web.Tests.Components;

public sealed class TrafficLightBadgeTests : ComponentTestContext
{
    [Theory]
    [InlineData(TrafficLightColour.Red, "Red", "#b3261e")]
    [InlineData(TrafficLightColour.Amber, "Amber", "#ffe08a")]
    [InlineData(TrafficLightColour.Green, "Green", "#1e6b34")]
    [InlineData(TrafficLightColour.Grey, "Grey", "#e0e0e0")]
    public void Shows_the_colour_in_words_and_in_colour(TrafficLightColour colour, string word, string background)
    {
        var badge = Render<TrafficLightBadge>(p => p.Add(b => b.Colour, colour)).Find(".traffic-light");

        Assert.Contains(word, badge.TextContent, StringComparison.Ordinal);
        Assert.Contains($"traffic-light--{word.ToLowerInvariant()}", badge.ClassName, StringComparison.Ordinal);
        Assert.Contains(background, badge.GetAttribute("style"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(badge.GetAttribute("title")));
    }
}

public sealed class TrafficLightBadgeInFrenchTests() : ComponentTestContext("fr")
{
    [Fact]
    public void Says_the_colour_in_the_readers_language() =>
        Assert.Contains("Rouge", Render<TrafficLightBadge>(p => p.Add(b => b.Colour, TrafficLightColour.Red)).Markup, StringComparison.Ordinal);
}
