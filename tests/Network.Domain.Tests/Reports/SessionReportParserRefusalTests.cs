using Network.Domain.Reports;

namespace Network.Domain.Tests.Reports;

/// <summary>Text that is not a report, or a report with malformed sections: refused, every problem named with its place.</summary>
public sealed class SessionReportParserRefusalTests
{
    private static readonly string Sample = ReportSamples.Gfmd2016SessionC;

    private static IReadOnlyList<ReportProblem> Problems(string text, DateOnly? sessionDate = null) =>
        Assert.Throws<ReportFormatException>(() => SessionReportParser.Parse(text, sessionDate)).Problems;

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n\f")]
    [InlineData("Dear colleagues,\nplease find attached the minutes of our meeting.\nBest regards")]
    [InlineData("{\"forum\": \"GFMD\", \"commitments\": []}")]
    public void Text_that_is_not_a_report_names_every_missing_section(string text)
    {
        var problems = Problems(text);
        Assert.Equal(
        [
            new ReportProblem("title", null, "the title line ('Special session <letter> - <title>') was not found before the first section"),
            new ReportProblem("commitments, period 1", null, "section 1, civil society commitments, was not found"),
            new ReportProblem("commitments, period 2", null, "section 2, civil society commitments, was not found"),
            new ReportProblem("priority messages", null, "section 3, priority messages, was not found"),
            new ReportProblem("reflections", null, "section 4, reflections, was not found"),
        ], problems);
    }

    [Fact]
    public void The_exception_message_lists_every_problem_with_its_line()
    {
        var broken = Replace(Replace(Sample, "1) The UN-led", "The UN-led"), "2) Government", "Government");
        broken = ReportSamples.WithoutLines(broken, "4, Reflections", null);
        var exception = Assert.Throws<ReportFormatException>(() => SessionReportParser.Parse(broken));
        Assert.Equal(
            "The text is not a session report: priority messages (line 78): no numbered message ('1) ...') was found; "
            + "reflections: section 4, reflections, was not found",
            exception.Message);
    }

    [Fact]
    public void A_period_without_any_strategic_step_is_refused_at_its_heading()
    {
        var lines = ReportSamples.Lines(Sample);
        var heading = ReportSamples.LineOf(Sample, "2. Civil society commitments");
        var priority = ReportSamples.LineOf(Sample, "3. Priority messages");
        var broken = ReportSamples.Join(lines[..(heading + 4)].Concat(lines[(priority - 1)..]));

        var problem = Assert.Single(Problems(broken));
        Assert.Equal(new ReportProblem("commitments, period 2", heading,
            "no strategic step was found (expected a row such as 'First strategic step or action in the next 6 months')"), problem);
    }

    [Fact]
    public void A_step_without_text_but_with_people_named_is_refused_at_its_label()
    {
        var broken = ReportSamples.WithoutLines(Sample, "Participants expressed interest in experience", "Specifically who in civil");
        var problem = Assert.Single(Problems(broken));
        Assert.Equal(new ReportProblem("commitments, period 1", 27,
            "the second strategic step has no text, though someone is named to work on it"), problem);
    }

    [Fact]
    public void A_row_left_blank_is_skipped_not_refused()
    {
        var blank = ReportSamples.WithoutLines(
            ReportSamples.WithoutLines(Sample, "Participants expressed interest in experience", "Specifically who in civil"),
            "10 participants in the session", "2. Civil society commitments");

        var report = SessionReportParser.Parse(blank);

        Assert.Equal([1, 2], report.Periods.Select(p => p.Commitments.Count));
        Assert.Equal(1, report.Periods[0].Commitments[0].Ordinal);
    }

    [Fact]
    public void An_answer_before_any_step_is_refused_at_its_label()
    {
        var broken = ReportSamples.WithoutLines(Sample, "First strategic step or", "Specifically who in civil");
        var problem = Assert.Single(Problems(broken));
        Assert.Equal("commitments, period 1", problem.Section);
        Assert.Equal(12, problem.Line);
        Assert.Contains("before any strategic step", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_step_twice_is_refused_at_the_second()
    {
        var broken = Replace(Sample, "Second strategic step or\naction in the next 6", "First strategic step or\naction in the next 6");
        var problem = Assert.Single(Problems(broken));
        Assert.Equal(new ReportProblem("commitments, period 1", 27, "a second 'first' strategic step (the first is at line 12)"), problem);
    }

    [Fact]
    public void A_date_that_is_not_a_date_is_refused_at_its_line()
    {
        var problem = Assert.Single(Problems(Replace(Sample, "March 21%", "March 32%")));
        Assert.Equal(new ReportProblem("commitments, period 1", 16, "'March 32nd' is not a date"), problem);
    }

    [Fact]
    public void A_priority_date_that_is_not_a_date_is_refused_at_its_line()
    {
        var problem = Assert.Single(Problems(Replace(Sample, "CSD Chair on 10 December", "CSD Chair on 31 November")));
        Assert.Equal(new ReportProblem("priority messages", 78, "'31 November' is not a date"), problem);
    }

    [Fact]
    public void A_period_whose_date_cannot_be_understood_is_refused_at_its_heading()
    {
        var broken = Replace(Replace(Replace(Replace(Sample,
            "for the six months June-December 2017", "for the second half of next year"),
            "through to year-\nend 2017", "through to the end"),
            "between June and\nDecember 2017", ""),
            "between June and\n\nDecember 2017", "");
        var problem = Assert.Single(Problems(broken));
        Assert.Equal("commitments, period 2", problem.Section);
        Assert.Equal(43, problem.Line);
        Assert.StartsWith("the date the period runs to could not be understood", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_that_ends_before_the_given_session_date_is_refused()
    {
        var problems = Problems(Sample, new DateOnly(2017, 9, 1));
        var problem = Assert.Single(problems, p => p.Section == "commitments, period 1");
        Assert.Equal(7, problem.Line);
        Assert.Equal("the period runs to June 2017, which is not after the session (2017-09-01)", problem.Message);
    }

    [Fact]
    public void A_priority_section_without_a_date_is_refused_at_its_heading()
    {
        var broken = Replace(Replace(Sample, " on 10 December", ""), "on the 10th of December", "soon");
        var problem = Assert.Single(Problems(broken));
        Assert.Equal("priority messages", problem.Section);
        Assert.Equal(78, problem.Line);
    }

    [Fact]
    public void A_reflections_section_with_nothing_in_it_is_refused_at_its_heading()
    {
        var broken = ReportSamples.WithoutLines(Sample, "e Picking up", null);
        Assert.Equal([new ReportProblem("reflections", 90, "no reflection was found")], Problems(broken));
    }

    [Fact]
    public void Every_problem_is_listed_not_only_the_first()
    {
        var broken = ReportSamples.WithoutLines(Sample, "Special session C", "1. Civil society");
        broken = Replace(broken, "March 21%", "February 30%");
        broken = ReportSamples.WithoutLines(broken, "3. Priority messages", "4, Reflections");
        var problems = Problems(broken);
        Assert.Equal(["title", "commitments, period 1", "priority messages"], problems.Select(p => p.Section));
        Assert.Contains("'February 30th' is not a date", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_date_no_report_can_be_about_is_refused()
    {
        foreach (var date in new[] { DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(1066, 10, 14) })
        {
            var problem = Assert.Single(Problems(Sample, date));
            Assert.Equal("title", problem.Section);
            Assert.Contains("is not a date this report can be about", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Null_is_a_programming_error_not_a_report() =>
        Assert.Throws<ArgumentNullException>(() => SessionReportParser.Parse(null!));
}
