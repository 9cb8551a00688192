using Network.Documents.Spreadsheets;

namespace Network.Documents.Tests.Spreadsheets;

public sealed class ProgressHeadersTests
{
    [Theory]
    [InlineData("commitment", "commitment")]
    [InlineData("Engagement", "commitment")]
    [InlineData("COMPROMISO", "commitment")]
    [InlineData("Status", "status")]
    [InlineData(" statut ", "status")]
    [InlineData("Estado", "status")]
    [InlineData("Note", "note")]
    [InlineData("Nota", "note")]
    [InlineData("evidence", "evidence")]
    [InlineData("Preuve", "evidence")]
    [InlineData("Justificatif", "evidence")]
    [InlineData("Evidencia", "evidence")]
    [InlineData("Prueba", "evidence")]
    [InlineData("Évidence", "evidence")]
    [InlineData("ESTÁDO", "status")]
    [InlineData("justificatif\u00A0", "evidence")]
    public void A_header_names_its_field_in_any_of_the_three_languages_case_and_accents_aside(string header, string field)
    {
        Assert.Equal(field, ProgressHeaders.FieldOf(header));
    }

    [Theory]
    [InlineData("home tenant")]
    [InlineData("summary")]
    [InlineData("")]
    [InlineData("commitments")]
    [InlineData("status date")]
    [InlineData(null)]
    public void Other_headers_name_no_field(string? header)
    {
        Assert.Null(ProgressHeaders.FieldOf(header));
    }

    [Fact]
    public void Normalising_folds_case_accents_and_spaces()
    {
        Assert.Equal("etat du projet", ProgressHeaders.Normalize("  État   du\tPROJET "));
    }

    [Fact]
    public void Column_letters_run_as_in_a_spreadsheet()
    {
        int[] positions = [0, 1, 25, 26, 51, 52, 701, 702];

        Assert.Equal(["A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA"], positions.Select(ColumnLetters.Of));
    }

    [Fact]
    public void Sheet_names_are_made_safe_for_spreadsheet_programs()
    {
        Assert.Equal("Q1-Q2 review- 2017", SheetNames.Safe("Q1/Q2 review: 2017"));
        Assert.Equal(31, SheetNames.Safe(new string('x', 40)).Length);
        Assert.Equal("Sheet1", SheetNames.Safe("  "));
    }
}
