using Network.Domain.Reports;

namespace Network.Domain.Tests.Reports;

/// <summary>A report of the same template from another forum, session and year (see <see cref="SyntheticReports"/>).</summary>
public sealed class SessionReportParserOtherReportTests
{
    private static readonly ParsedSessionReport Report = SessionReportParser.Parse(SyntheticReports.Imrf2021SessionB);

    [Fact]
    public void Title_forum_and_inferred_date()
    {
        Assert.Equal("IMRF", Report.Forum);
        Assert.Equal("B", Report.SessionCode);
        Assert.Equal("Regular pathways for migrant workers", Report.Title);
        Assert.Equal("how can civil society hold states to their promises?", Report.Theme);
        Assert.Equal(new DateOnly(2021, 11, 1), Report.HeldOn);
        Assert.True(Report.DateInferred);
    }

    [Fact]
    public void Periods_run_to_the_forum_in_its_city_and_to_the_year_end()
    {
        Assert.Equal("IMRF New York, May 2022", Report.Periods[0].Milestone);
        Assert.Equal(new DateOnly(2022, 5, 31), Report.Periods[0].DueOn);
        Assert.Equal("Year end 2022", Report.Periods[1].Milestone);
        Assert.Equal(new DateOnly(2022, 12, 31), Report.Periods[1].DueOn);
        Assert.Equal([3, 1], Report.Periods.Select(p => p.Commitments.Count));
    }

    [Fact]
    public void Dated_steps_contacts_and_owners_of_the_first_step()
    {
        var first = Report.Periods[0].Commitments[0];
        Assert.Equal(
            [new DateOnly(2022, 1, 15), new DateOnly(2022, 2, 28)],
            first.Milestones.Select(m => m.DueOn));
        var amal = Assert.Single(first.Contacts);
        Assert.Equal(new ParsedContact("Amal Haddad", "Migrant Forum in Asia", "coordinates the template", null), amal);
        Assert.Equal(["Migrant Forum in Asia", "PICUM", "Global Coalition on Migration"], first.OwnerCandidates);
    }

    [Fact]
    public void Interest_written_in_words_with_the_names_listed()
    {
        var second = Report.Periods[0].Commitments[1];
        Assert.Equal("Participants proposed a peer exchange on fair recruitment, to meet online ahead of the review.", second.Text);
        Assert.Equal("Twelve participants expressed interest: Ana Lopez, Kenji Sato and the ITUC.", second.WhoText);
        Assert.Equal(12, second.Interest?.Count);
        Assert.Equal(["Ana Lopez", "Kenji Sato", "ITUC"], second.Interest!.Names);
        Assert.Empty(second.Contacts);
        Assert.Empty(second.OwnerCandidates);
    }

    [Fact]
    public void A_step_with_its_label_on_the_same_line_a_dependency_and_a_condition()
    {
        var third = Report.Periods[0].Commitments[2];
        Assert.Equal(3, third.Ordinal);
        Assert.Equal("Partners will draft a joint statement for the IMRF, depending on the final modalities resolution.", third.Text);
        Assert.Equal("final modalities resolution", third.Dependency);
        Assert.Equal("Women in Migration Network, if funding is secured.", third.WhoText);
        Assert.Equal("if funding is secured", third.Condition);
        Assert.Equal(["Women in Migration Network"], third.OwnerCandidates);
    }

    [Fact]
    public void Second_period_priority_messages_and_bullets()
    {
        var step = Assert.Single(Report.Periods[1].Commitments);
        Assert.Equal("A follow-up meeting on the monitoring findings, hosted by the Solidarity Center.", step.Text);
        Assert.Equal(["Solidarity Center", "Migrant Forum in Asia"], step.OwnerCandidates);

        Assert.Equal(["States must report on regular pathways with data that civil society can check.", "Recruitment fees must never be charged to workers."],
            Report.PriorityMessages.Select(m => m.Text));
        Assert.All(Report.PriorityMessages, m => Assert.Equal(new DateOnly(2021, 11, 20), m.DueOn));

        Assert.Equal(
            ["The review is a chance to hold states to what they signed, but only if civil society comes with evidence.", "Smaller groups worked better than the plenary."],
            Report.Reflections);
    }
}
