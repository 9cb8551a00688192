using Network.Web.Sessions;

namespace Network.Web.Tests.Components;

public sealed class TenantIdSuggestionTests
{
    [Theory]
    [InlineData("Transnational Migrant Platform", "tmp")]
    [InlineData("International Catholic Migration Commission", "icmc")]
    [InlineData("Caritas", "caritas")]
    [InlineData("Réseau Femmes", "reseau-femmes")]
    [InlineData("X", "x-org")]
    [InlineData("Migrant Forum in Asia", "mfia")]
    public void Suggests_initials_for_long_names_and_the_words_otherwise(string name, string expected) =>
        Assert.Equal(expected, TenantIdSuggestion.From(name));
}
