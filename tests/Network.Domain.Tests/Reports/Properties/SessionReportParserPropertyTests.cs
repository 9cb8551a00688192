using System.Text.Json;
using CsCheck;
using Network.Contracts.Sessions;
using Network.Domain.ReadModel;
using Network.Domain.Reports;
using Network.Domain.Sessions;

namespace Network.Domain.Tests.Reports.Properties;

/// <summary>
/// Properties of the session-letter parser over generated text (CsCheck: a failure prints the seed that replays it
/// and the smallest input it shrank to). Whatever the text, <see cref="SessionReportParser.Parse"/> reads a report or
/// refuses it with a <see cref="ReportFormatException"/> whose every problem points at a line that exists; and what it
/// reads goes through the structured form (the JSON of <c>GET …/sessions/{id}</c>) and back unchanged.
/// </summary>
public sealed class SessionReportParserPropertyTests
{
    // A parse of a letter takes about a millisecond: these counts keep each property to a second or two on CI.
    private const long Iterations = 400;

    // Tenants for names in the letters to resolve to, so the round trip carries tenant ids as the export does.
    private static readonly TenantListRow[] Subtree =
    [
        new("network", "network", "GFMD Civil Society", "network", [], StateVersion: 1),
        new("network/tmp", "tmp", "Transnational Migrant Platform", "platform", ["TMP"], StateVersion: 1),
        new("network/ici", "ici", "Immigrant Council of Ireland", "organisation", [], StateVersion: 1),
        new("network/mfa", "mfa", "Migrant Forum in Asia", "organisation", ["MFA"], StateVersion: 1),
        new("network/picum", "picum", "PICUM", "organisation", [], StateVersion: 1),
    ];

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    [Fact]
    public void A_mutated_letter_is_read_or_refused_with_problems_at_real_lines() =>
        LetterGen.MutatedLetter(1, 8).Sample(
            sample => AssertReadOrRefused(LetterGen.Apply(sample.Letter, sample.Edits)),
            iter: Iterations, print: LetterGen.Print);

    [Fact]
    public void Text_made_of_template_pieces_and_any_characters_is_read_or_refused() =>
        LetterGen.PieceSoup.Sample(AssertReadOrRefused, iter: Iterations * 2);

    [Fact]
    public void What_a_lightly_mutated_letter_reads_as_survives_the_structured_form_and_back() =>
        LetterGen.MutatedLetter(0, 2).Sample(sample =>
        {
            var text = LetterGen.Apply(sample.Letter, sample.Edits);
            ParsedSessionReport report;
            try
            {
                report = SessionReportParser.Parse(text);
            }
            catch (ReportFormatException)
            {
                return;
            }
            AssertRoundTrips(report);
            // Parsing is a function of the text: the same text reads the same twice.
            Assert.Equal(Json(Export(report)), Json(Export(SessionReportParser.Parse(text))));
        }, iter: Iterations, print: LetterGen.Print);

    [Fact]
    public void Each_unmutated_letter_survives_the_structured_form_and_back()
    {
        foreach (var letter in LetterGen.Letters)
        {
            AssertRoundTrips(SessionReportParser.Parse(letter));
        }
    }

    /// <summary>
    /// text → parsed → what the import makes → the structured JSON → posted back (validated as the API validates it)
    /// → what that import makes → the JSON again: the same JSON, so exporting a session and posting it back changes
    /// nothing (owners, contacts, milestones, interest, conditions, dependencies, dates, ids).
    /// </summary>
    internal static void AssertRoundTrips(ParsedSessionReport report)
    {
        var exported = Export(report);
        var json = Json(exported);
        var posted = JsonSerializer.Deserialize<SessionResource>(json, Wire)!;
        SessionDocumentRules.Validate(posted);
        var again = Export(posted.ToParsed());
        Assert.Equal(json, Json(again));
    }

    internal static void AssertReadOrRefused(string text)
    {
        var lines = LineCount(text);
        try
        {
            var report = SessionReportParser.Parse(text);
            Assert.NotEmpty(report.Periods);
            Assert.All(report.Periods, p => Assert.NotEmpty(p.Commitments));
            Assert.All(report.Periods.SelectMany(p => p.Commitments), c =>
            {
                Assert.False(string.IsNullOrWhiteSpace(c.Text));
                Assert.InRange(c.Line, 1, lines);
            });
            Assert.NotEmpty(report.PriorityMessages);
            Assert.NotEmpty(report.Reflections);
        }
        catch (ReportFormatException e)
        {
            Assert.NotEmpty(e.Problems);
            Assert.All(e.Problems, p =>
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Message));
                if (p.Line is { } line)
                {
                    Assert.InRange(line, 1, lines);
                }
            });
        }
    }

    private static SessionResource Export(ParsedSessionReport report)
    {
        var planned = SessionImporter.Plan(report, Subtree);
        return planned.Session.ToDocument(planned.Commitments.ToDictionary(c => c.Id));
    }

    private static string Json(SessionResource document) => JsonSerializer.Serialize(document, Wire);

    // Lines as an editor counts them, and as the parser numbers them: LF, CRLF, CR, NEL, LS and PS each end one.
    private static int LineCount(string text)
    {
        var count = 1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\u0085' or '\u2028' or '\u2029' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }
        return count;
    }
}
