using Network.Web.Campaigns;

namespace Network.Web.Tests.Campaigns;

public sealed class CampaignIdSuggestionTests
{
    [Theory]
    [InlineData("Solidarity campaign", "solidarity-campaign")]
    [InlineData("UN-led Together Campaign", "un-led-together-campaign")]
    [InlineData("Réseau : solidarité 2017 !", "reseau-solidarite-2017")]
    [InlineData("  ", "")]
    public void Suggests_the_words_of_the_title_joined_by_dashes(string title, string expected) =>
        Assert.Equal(expected, CampaignIdSuggestion.From(title));

    [Fact]
    public void A_long_title_is_cut_before_the_word_that_would_not_fit_and_a_long_word_is_cut()
    {
        var words = string.Join(' ', Enumerable.Repeat("solidarity", 20));

        var id = CampaignIdSuggestion.From(words);

        Assert.True(id.Length <= 120, id);
        Assert.EndsWith("solidarity", id, StringComparison.Ordinal);
        Assert.Equal(120, CampaignIdSuggestion.From(new string('x', 130)).Length);
    }
}
