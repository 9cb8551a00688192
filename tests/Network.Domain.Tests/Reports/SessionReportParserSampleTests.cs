using Network.Domain.Reports;

namespace Network.Domain.Tests.Reports;

/// <summary>The real GFMD 2016 report (Dhaka, special session C), as text taken from its PDF.</summary>
public sealed class SessionReportParserSampleTests
{
    private static readonly ParsedSessionReport Report = SessionReportParser.Parse(ReportSamples.Gfmd2016SessionC);

    private static ParsedCommitment Commitment(int period, int ordinal) =>
        Report.Periods.Single(p => p.Number == period).Commitments.Single(c => c.Ordinal == ordinal);

    [Fact]
    public void The_title_block_gives_forum_session_title_and_theme()
    {
        Assert.Equal("GFMD", Report.Forum);
        Assert.Equal("C", Report.SessionCode);
        Assert.Equal("Creating welcoming societies", Report.Title);
        Assert.Equal("how can we we connect civil society campaigns in order to change policies as well as perceptions?", Report.Theme);
    }

    [Fact]
    public void The_session_date_is_inferred_from_the_first_period()
    {
        Assert.Equal(new DateOnly(2016, 12, 1), Report.HeldOn);
        Assert.True(Report.DateInferred);
    }

    [Fact]
    public void A_given_session_date_is_used_as_it_is()
    {
        var report = SessionReportParser.Parse(ReportSamples.Gfmd2016SessionC, new DateOnly(2016, 12, 9));
        Assert.Equal(new DateOnly(2016, 12, 9), report.HeldOn);
        Assert.False(report.DateInferred);
        Assert.All(report.PriorityMessages, m => Assert.Equal(new DateOnly(2016, 12, 10), m.DueOn));
        Assert.Equal(new DateOnly(2017, 3, 21), report.Periods[0].Commitments[0].Milestones.Single().DueOn);
    }

    [Fact]
    public void Two_periods_run_to_the_next_forum_and_to_the_year_end()
    {
        Assert.Collection(Report.Periods,
            first =>
            {
                Assert.Equal(1, first.Number);
                Assert.Equal("Civil society commitments for the next 6 months (through GFMD in Germany)", first.Title);
                Assert.Equal("GFMD Germany, June 2017", first.Milestone);
                Assert.Equal(new DateOnly(2017, 6, 30), first.DueOn);
            },
            second =>
            {
                Assert.Equal(2, second.Number);
                Assert.Equal("Year end 2017", second.Milestone);
                Assert.Equal(new DateOnly(2017, 12, 31), second.DueOn);
            });
    }

    [Fact]
    public void Four_commitments_two_per_period_with_their_lines()
    {
        Assert.All(Report.Periods, p => Assert.Equal([1, 2], p.Commitments.Select(c => c.Ordinal)));
        Assert.Equal([12, 27, 48, 67], Report.Periods.SelectMany(p => p.Commitments).Select(c => c.Line));
    }

    [Fact]
    public void The_first_commitment_has_the_campaign_launch_a_contact_and_its_owners()
    {
        var first = Commitment(1, 1);
        Assert.StartsWith("A campaign to generate solidarity to by launched by March 21st, the international day for elimination", first.Text);
        Assert.EndsWith("Information will be shared through Jill Belisario, Transnational Migrant Platform and Global Coalition on Migration.", first.Text);
        Assert.Equal("Groups that attended the PGA/ Global Coalition on Migration/ Transnational Migrant Platform", first.WhoText);

        var launch = Assert.Single(first.Milestones);
        Assert.Contains("launched by March 21", launch.Title, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2017, 3, 21), launch.DueOn);

        var jill = Assert.Single(first.Contacts);
        Assert.Equal("Jill Belisario", jill.Name);
        Assert.Null(jill.Organisation);
        Assert.Equal("shares information", jill.Role);
        Assert.Null(jill.Condition);

        Assert.Equal(["Groups that attended the PGA", "Global Coalition on Migration", "Transnational Migrant Platform"], first.OwnerCandidates);
        Assert.DoesNotContain("Jill Belisario", first.OwnerCandidates);
        Assert.Null(first.Interest);
        Assert.Null(first.Condition);
        Assert.Null(first.Dependency);
    }

    [Fact]
    public void The_second_commitment_has_interest_and_a_conditional_coordinator()
    {
        var second = Commitment(1, 2);
        Assert.StartsWith("Participants expressed interest in experience sharing through online platforms, as well as", second.Text);
        Assert.Equal(10, second.Interest?.Count);
        Assert.Empty(second.Interest!.Names);

        var teresa = Assert.Single(second.Contacts);
        Assert.Equal("Teresa Buczkowska", teresa.Name);
        Assert.Equal("Immigrant Council of Ireland", teresa.Organisation);
        Assert.Equal("coordinate a Europe sub-group", teresa.Role);
        Assert.Equal("if there is interest", teresa.Condition);

        Assert.Equal("if there is interest", second.Condition);
        Assert.Equal(["Immigrant Council of Ireland"], second.OwnerCandidates);
        Assert.Empty(second.Milestones);
        Assert.Null(second.Dependency);
    }

    [Fact]
    public void The_third_commitment_names_a_small_group_and_depends_on_nothing()
    {
        var third = Commitment(2, 1);
        Assert.StartsWith("The group agreed that there is a need to work together to develop an overarching narrative", third.Text);
        Assert.Equal("To begin with, a small group of leading organisations already working in this field was suggested. This might be expanded later.", third.WhoText);
        Assert.Null(third.Dependency);
        Assert.Null(third.Condition);
        Assert.Empty(third.Contacts);
    }

    [Fact]
    public void The_fourth_commitment_is_read_from_interleaved_columns_and_depends_on_the_UN_campaign()
    {
        var fourth = Commitment(2, 2);
        Assert.Equal("The group agreed there is need to leverage the UN-led Together Campaign to address structural inequalities that allow xenophobic narratives to take hold.", fourth.Text);
        Assert.Equal("This will depend on structure of UN campaign.", fourth.WhoText);
        Assert.Equal("structure of UN campaign", fourth.Dependency);
    }

    [Fact]
    public void No_label_words_leak_into_any_text()
    {
        string[] labelWords = ["strategic step", "action in the", "Specifically who", "work on it?", "between June and"];
        foreach (var commitment in Report.Periods.SelectMany(p => p.Commitments))
        {
            foreach (var words in labelWords)
            {
                Assert.DoesNotContain(words, commitment.Text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(words, commitment.WhoText, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void Two_priority_messages_are_due_on_10_December_2016()
    {
        Assert.Collection(Report.PriorityMessages,
            m =>
            {
                Assert.Equal(1, m.Number);
                Assert.StartsWith("The UN-led Together Campaign must seek to address structural inequalities that either give rise to xenophobic attitudes", m.Text);
            },
            m =>
            {
                Assert.Equal(2, m.Number);
                Assert.StartsWith("Government should acknowledge the role that restrictive migration policies", m.Text);
                Assert.EndsWith("away from politicised discussion of migration", m.Text);
            });
        Assert.All(Report.PriorityMessages, m => Assert.Equal(new DateOnly(2016, 12, 10), m.DueOn));
    }

    [Fact]
    public void Three_reflections_each_one_whole_bullet()
    {
        Assert.Equal(3, Report.Reflections.Count);
        Assert.StartsWith("Picking up on some points from session 3.1, \"creating welcoming societies\" as a frame", Report.Reflections[0]);
        Assert.EndsWith("security, dignity, and human treatment.", Report.Reflections[0]);
        Assert.StartsWith("The relationship between xenophobia and racism", Report.Reflections[1]);
        Assert.Contains("For future GFMD's it would be helpful", Report.Reflections[1], StringComparison.Ordinal);
        Assert.StartsWith("Diversity of contexts", Report.Reflections[2]);
        Assert.EndsWith("vision of change we seek.", Report.Reflections[2]);
        Assert.DoesNotContain(Report.Reflections, r => r.StartsWith("e ", StringComparison.Ordinal) || r.StartsWith("Reflections from", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_is_whitespace_normalised_with_line_end_hyphens_joined()
    {
        foreach (var text in Report.Periods.SelectMany(p => p.Commitments).SelectMany(c => new[] { c.Text, c.WhoText })
                     .Concat(Report.PriorityMessages.Select(m => m.Text)).Concat(Report.Reflections))
        {
            Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
            Assert.Equal(text.Trim(), text);
        }
        Assert.Contains("long-term goal", Report.Reflections[0], StringComparison.Ordinal);
    }
}
