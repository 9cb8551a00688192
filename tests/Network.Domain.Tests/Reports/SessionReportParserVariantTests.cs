using System.Text.Json;
using Network.Domain.Reports;

namespace Network.Domain.Tests.Reports;

/// <summary>
/// The sample mangled the ways PDFs, editors and users mangle reports: each variant must give the sample's figures
/// (line numbers aside, when lines were added), or be refused with a precise <see cref="ReportFormatException"/>.
/// </summary>
public sealed class SessionReportParserVariantTests
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private static readonly string Sample = ReportSamples.Gfmd2016SessionC;

    /// <summary>Everything the parser read, as JSON; with <paramref name="withLines"/> false, without line numbers.</summary>
    private static string Figures(ParsedSessionReport report, bool withLines = true) =>
        JsonSerializer.Serialize(withLines ? report : report with
        {
            Periods = report.Periods.Select(p => p with { Commitments = p.Commitments.Select(c => c with { Line = 0 }).ToList() }).ToList(),
        }, Json);

    private static readonly string Expected = Figures(SessionReportParser.Parse(Sample));
    private static readonly string ExpectedWithoutLines = Figures(SessionReportParser.Parse(Sample), withLines: false);

    private static ReportFormatException Refused(string text, DateOnly? sessionDate = null) =>
        Assert.Throws<ReportFormatException>(() => SessionReportParser.Parse(text, sessionDate));

    [Fact]
    public void CRLF_line_endings_give_the_same_figures() =>
        Assert.Equal(Expected, Figures(SessionReportParser.Parse(Sample.Replace("\n", "\r\n", StringComparison.Ordinal))));

    [Fact]
    public void Old_Mac_CR_line_endings_give_the_same_figures() =>
        Assert.Equal(Expected, Figures(SessionReportParser.Parse(Sample.Replace("\n", "\r", StringComparison.Ordinal))));

    [Fact]
    public void Extra_whitespace_tabs_and_non_breaking_spaces_give_the_same_figures()
    {
        var mangled = ReportSamples.Join(ReportSamples.Lines(Sample).Select((line, i) =>
            (i % 3 == 0 ? "\t  " : "   ") + line.Replace(" ", i % 2 == 0 ? "  \t" : " \u00A0", StringComparison.Ordinal) + " \t "));
        Assert.Equal(Expected, Figures(SessionReportParser.Parse(mangled)));
    }

    [Fact]
    public void Straight_quotes_read_the_same_as_curly_ones()
    {
        var straight = Sample.Replace('\u201C', '"').Replace('\u201D', '"').Replace('\u2019', '\'');
        Assert.Equal(Expected, Figures(SessionReportParser.Parse(straight)));
    }

    [Fact]
    public void Form_feeds_page_numbers_running_headers_and_blank_runs_are_ignored()
    {
        // Page breaks inside a paragraph, inside a label, and between a table row's two lines.
        const string Header = "GFMD 2016 Civil Society Days - Special session reports";
        var lines = ReportSamples.Lines(Sample).ToList();
        void PageBreakBefore(string start, int page) =>
            lines.Insert(lines.FindIndex(l => l.StartsWith(start, StringComparison.Ordinal)), $"\n\n{page}\n\f{Header}\n\n\n");
        PageBreakBefore("for elimination of racial discrimination", 1);
        PageBreakBefore("society will work on it?", 2);
        PageBreakBefore("action in the 6 months address structural", 3);
        PageBreakBefore("2) Government should acknowledge", 4);
        lines.Insert(0, Header);
        lines.Add($"\n\nPage 5 of 5\n\f");

        var report = SessionReportParser.Parse(ReportSamples.Join(lines));
        Assert.Equal(ExpectedWithoutLines, Figures(report, withLines: false));
    }

    [Fact]
    public void A_repeated_template_header_and_title_between_pages_are_ignored()
    {
        var lines = ReportSamples.Lines(Sample).ToList();
        var at = lines.FindIndex(l => l.StartsWith("2. Civil society commitments", StringComparison.Ordinal));
        lines.InsertRange(at, ["\f Special session letter +", "theme", "", lines[3], ""]);
        Assert.Equal(ExpectedWithoutLines, Figures(SessionReportParser.Parse(ReportSamples.Join(lines)), withLines: false));
    }

    [Fact]
    public void Reflections_before_priority_messages_give_the_same_figures()
    {
        var lines = ReportSamples.Lines(Sample);
        var priority = ReportSamples.LineOf(Sample, "3. Priority messages") - 1;
        var reflections = ReportSamples.LineOf(Sample, "4, Reflections") - 1;
        var reordered = lines[..priority].Concat(lines[reflections..]).Concat(lines[priority..reflections]);
        Assert.Equal(ExpectedWithoutLines, Figures(SessionReportParser.Parse(ReportSamples.Join(reordered)), withLines: false));
    }

    [Fact]
    public void The_second_period_before_the_first_gives_the_same_figures()
    {
        var lines = ReportSamples.Lines(Sample);
        var first = ReportSamples.LineOf(Sample, "1. Civil society commitments") - 1;
        var second = ReportSamples.LineOf(Sample, "2. Civil society commitments") - 1;
        var priority = ReportSamples.LineOf(Sample, "3. Priority messages") - 1;
        var reordered = lines[..first].Concat(lines[second..priority]).Concat(lines[first..second]).Concat(lines[priority..]);
        Assert.Equal(ExpectedWithoutLines, Figures(SessionReportParser.Parse(ReportSamples.Join(reordered)), withLines: false));
    }

    [Theory]
    [InlineData("1. Civil society commitments", "2. Civil society commitments", "commitments, period 1", "section 1, civil society commitments, was not found")]
    [InlineData("2. Civil society commitments", "3. Priority messages", "commitments, period 2", "section 2, civil society commitments, was not found")]
    [InlineData("3. Priority messages", "4, Reflections", "priority messages", "section 3, priority messages, was not found")]
    [InlineData("4, Reflections", null, "reflections", "section 4, reflections, was not found")]
    public void A_missing_section_is_refused_by_name(string from, string? to, string section, string message)
    {
        var problem = Assert.Single(Refused(ReportSamples.WithoutLines(Sample, from, to)).Problems);
        Assert.Equal(new ReportProblem(section, null, message), problem);
    }

    [Fact]
    public void A_missing_title_is_refused_by_name()
    {
        var problem = Assert.Single(Refused(ReportSamples.WithoutLines(Sample, "Special session C", "1. Civil society")).Problems);
        Assert.Equal("title", problem.Section);
        Assert.Contains("title line", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_copy_pasted_after_the_first_is_refused_where_it_starts()
    {
        var twice = Sample + "\n" + Sample;
        var secondStart = ReportSamples.Lines(Sample).Length + 1;
        var problem = Assert.Single(Refused(twice).Problems);
        Assert.Equal("title", problem.Section);
        Assert.Equal(secondStart, problem.Line);
        Assert.StartsWith($"a second report starts at line {secondStart}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_session_pasted_after_the_first_is_refused_where_it_starts()
    {
        var both = Sample + "\n" + SyntheticReports.Imrf2021SessionB;
        var secondStart = ReportSamples.Lines(Sample).Length + 1;
        var problem = Assert.Single(Refused(both).Problems);
        Assert.Equal(secondStart, problem.Line);
        Assert.Contains("a second report starts", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_report_without_its_header_is_refused_at_its_first_section()
    {
        var withoutHeader = ReportSamples.WithoutLines(Sample, "Special session letter", "1. Civil society");
        var both = Sample + "\n" + withoutHeader;
        var problem = Assert.Single(Refused(both).Problems);
        Assert.Equal(ReportSamples.Lines(Sample).Length + 1, problem.Line);
    }

    [Fact]
    public void A_third_strategic_step_is_a_third_commitment()
    {
        var lines = ReportSamples.Lines(Sample).ToList();
        var at = lines.FindIndex(l => l.StartsWith("2. Civil society commitments", StringComparison.Ordinal));
        lines.InsertRange(at,
        [
            "Third strategic step or",
            "action in the next 6",
            "months",
            "",
            "A joint statement will be drafted by 30 April, coordinated by Ana Lopez.",
            "",
            "Specifically who in civil",
            "society will work on it?",
            "",
            "PICUM and Migrant Forum in Asia",
            "",
        ]);
        var report = SessionReportParser.Parse(ReportSamples.Join(lines));

        var period = report.Periods[0];
        Assert.Equal([1, 2, 3], period.Commitments.Select(c => c.Ordinal));
        var third = period.Commitments[2];
        Assert.Equal("A joint statement will be drafted by 30 April, coordinated by Ana Lopez.", third.Text);
        Assert.Equal(new DateOnly(2017, 4, 30), Assert.Single(third.Milestones).DueOn);
        Assert.Equal("Ana Lopez", Assert.Single(third.Contacts).Name);
        Assert.Equal(["PICUM", "Migrant Forum in Asia"], third.OwnerCandidates);
        Assert.Equal(at + 1, third.Line);
        // Everything else is unchanged.
        Assert.Equal(Figures(SessionReportParser.Parse(Sample), withLines: false).Length,
            Figures(report with { Periods = [period with { Commitments = period.Commitments.Take(2).ToList() }, report.Periods[1]] }, withLines: false).Length);
    }

    [Fact]
    public void The_session_date_can_be_inferred_from_the_priority_messages_alone()
    {
        var withoutNextMonths = Sample.Replace("for the next 6 months", "for the coming period", StringComparison.Ordinal);
        var report = SessionReportParser.Parse(withoutNextMonths);
        Assert.Equal(new DateOnly(2016, 12, 1), report.HeldOn);
        Assert.True(report.DateInferred);
        Assert.Equal(new DateOnly(2017, 6, 30), report.Periods[0].DueOn);
    }

    [Fact]
    public void Years_left_out_of_the_text_come_from_the_given_session_date()
    {
        var withoutYears = Sample
            .Replace("in June 2017", "in June", StringComparison.Ordinal)
            .Replace("end 2017", "end", StringComparison.Ordinal)
            .Replace("June-December 2017", "June-December", StringComparison.Ordinal)
            .Replace("December 2017", "December", StringComparison.Ordinal)
            .Replace("GFMD 2017", "GFMD", StringComparison.Ordinal);
        Assert.DoesNotContain("2017", withoutYears, StringComparison.Ordinal);

        var report = SessionReportParser.Parse(withoutYears, new DateOnly(2016, 12, 9));
        Assert.Equal(new DateOnly(2017, 6, 30), report.Periods[0].DueOn);
        Assert.Equal("GFMD Germany, June 2017", report.Periods[0].Milestone);
        Assert.Equal(new DateOnly(2017, 12, 31), report.Periods[1].DueOn);
        Assert.Equal("Year end 2017", report.Periods[1].Milestone);

        // Without a session date and without any year, nothing says when the session was.
        var problem = Assert.Single(Refused(withoutYears).Problems);
        Assert.Equal("title", problem.Section);
        Assert.Contains("session date could not be inferred", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinals_written_with_words_or_superscripts_read_the_same()
    {
        var mangled = Sample
            .Replace("First strategic step", "1% strategic step", StringComparison.Ordinal)
            .Replace("Second strategic step", "2nd strategic step", StringComparison.Ordinal)
            .Replace("on the 10th of December", "on the 10% of December", StringComparison.Ordinal)
            .Replace("March 21%", "March 21st", StringComparison.Ordinal);
        Assert.Equal(Expected, Figures(SessionReportParser.Parse(mangled)));
    }
}
