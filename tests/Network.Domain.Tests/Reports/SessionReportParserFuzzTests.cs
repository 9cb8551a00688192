using Network.Domain.Reports;

namespace Network.Domain.Tests.Reports;

/// <summary>
/// Whatever the text, the parser either reads a report or refuses it with a <see cref="ReportFormatException"/>:
/// never an IndexOutOfRange, a FormatException, an endless loop. Seeds are fixed so a failure can be replayed.
/// </summary>
public sealed class SessionReportParserFuzzTests
{
    private const int Rounds = 400;

    private static readonly string[] Sources = [ReportSamples.Gfmd2016SessionC, SyntheticReports.Imrf2021SessionB];

    // Pieces the parser reacts to, so that random text often gets past its first checks.
    private static readonly string[] Tokens =
    [
        "\f", "\r", "\n", "\t", " ", "|", "%", "-", "e ", "• ", "1) ", "2. ", "4, Reflections", "3. Priority messages on 10 December",
        "1. Civil society commitments for the next 6 months", "First strategic step or", "action in the next 6", "months",
        "Specifically who in civil", "society will work on it?", "between June and", "December 2017", "March 21%",
        "31 February", "year-", "end 2017", "Special session Z - ", "Jill Belisario, ", "depends on ", "if ", "10 participants expressed interest",
        "\u201C", "\u2019", "\u00A0", "\u200B", "\uD83D\uDE00", "0", "99", "9999",
    ];

    [Fact]
    public void Deleting_shuffling_and_duplicating_lines_gives_a_report_or_a_refusal()
    {
        for (var seed = 0; seed < Rounds; seed++)
        {
            var random = new Random(seed);
            var lines = ReportSamples.Lines(Sources[seed % Sources.Length]).ToList();
            var edits = random.Next(1, 8);
            for (var e = 0; e < edits && lines.Count > 1; e++)
            {
                var at = random.Next(lines.Count);
                switch (random.Next(4))
                {
                    case 0:
                        lines.RemoveRange(at, Math.Min(random.Next(1, 6), lines.Count - at));
                        break;
                    case 1:
                        var other = random.Next(lines.Count);
                        (lines[at], lines[other]) = (lines[other], lines[at]);
                        break;
                    case 2:
                        lines.Insert(random.Next(lines.Count), lines[at]);
                        break;
                    default:
                        var count = Math.Min(random.Next(2, 12), lines.Count - at);
                        var block = lines.GetRange(at, count);
                        lines.RemoveRange(at, count);
                        lines.InsertRange(random.Next(lines.Count + 1), block.OrderBy(_ => random.Next()));
                        break;
                }
            }
            AssertReadOrRefused(ReportSamples.Join(lines), seed);
        }
    }

    [Fact]
    public void Cutting_and_splicing_characters_gives_a_report_or_a_refusal()
    {
        for (var seed = 0; seed < Rounds; seed++)
        {
            var random = new Random(seed);
            var text = Sources[seed % Sources.Length];
            for (var e = random.Next(1, 6); e > 0 && text.Length > 0; e--)
            {
                var at = random.Next(text.Length);
                text = random.Next(3) switch
                {
                    0 => text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at)),
                    1 => text.Insert(at, Tokens[random.Next(Tokens.Length)]),
                    _ => text[..at],
                };
            }
            AssertReadOrRefused(text, seed);
        }
    }

    [Fact]
    public void Random_text_made_of_report_pieces_gives_a_report_or_a_refusal()
    {
        for (var seed = 0; seed < Rounds; seed++)
        {
            var random = new Random(seed);
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 200)).Select(_ => random.Next(5) == 0
                ? ((char)random.Next(0, 0x3000)).ToString()
                : Tokens[random.Next(Tokens.Length)]));
            AssertReadOrRefused(text, seed);
        }
    }

    private static void AssertReadOrRefused(string text, int seed)
    {
        try
        {
            var report = SessionReportParser.Parse(text);
            // What is read is complete: nothing required is left empty.
            Assert.NotEmpty(report.Periods);
            Assert.All(report.Periods.SelectMany(p => p.Commitments), c => Assert.NotEmpty(c.Text));
            Assert.NotEmpty(report.PriorityMessages);
            Assert.NotEmpty(report.Reflections);
        }
        catch (ReportFormatException e)
        {
            Assert.NotEmpty(e.Problems);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"seed {seed}: {e.GetType().Name}: {e.Message}\n---\n{text}");
        }
    }
}
