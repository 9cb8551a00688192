using Network.Domain.Reports;
using Network.Domain.Reports.SessionLetter;

namespace Network.Domain.Tests.Reports;

/// <summary>The parser's parts, each on the cases that made it what it is.</summary>
public sealed class SessionLetterPartsTests
{
    private static TableContent Table(params string[] lines) =>
        TableReader.Read(lines.Select((text, i) => new ReportLine(i + 1, LineCleaner.Clean(text), 0)));

    private static string Text(RawStep step) => Paragraph.Join(step.Text).Text;

    private static string Who(RawStep step) => Paragraph.Join(step.Who).Text;

    [Fact]
    public void Labels_interleaved_with_the_text_column_are_taken_out_of_it()
    {
        // Lines 67-76 of the sample.
        var table = Table(
            "Second strategic step or | The group agreed there is need to leverage the UN-led Together Campaign to",
            "",
            "action in the 6 months address structural inequalities that allow xenophobic narratives to take hold.",
            "between June and",
            "",
            "December 2017",
            "",
            "Specifically who in civil This will depend on structure of UN campaign.",
            "",
            "society will work on it?");
        var step = Assert.Single(table.Steps);
        Assert.Equal(2, step.Ordinal);
        Assert.Equal(1, step.Line);
        Assert.Equal("The group agreed there is need to leverage the UN-led Together Campaign to address structural inequalities that allow xenophobic narratives to take hold.", Text(step));
        Assert.Equal("This will depend on structure of UN campaign.", Who(step));
        Assert.Equal("Second strategic step or action in the 6 months between June and December 2017", string.Join(' ', step.LabelWords));
    }

    [Fact]
    public void Content_that_starts_like_a_label_is_not_eaten()
    {
        var table = Table(
            "First strategic step or",
            "action in the next 6",
            "months",
            "We will meet twice,",
            "between June and September 2017, to agree a plan.",
            "Specifically who in civil",
            "society will work on it?",
            "society groups in Europe.");
        var step = Assert.Single(table.Steps);
        Assert.Equal("We will meet twice, between June and September 2017, to agree a plan.", Text(step));
        Assert.Equal("society groups in Europe.", Who(step));
    }

    [Fact]
    public void A_capitalised_word_where_the_label_goes_on_in_lower_case_starts_content()
    {
        var table = Table(
            "First strategic step or   Action plans will be drafted",
            "Action plans per country, then",
            "action in the next 6 months a shared one.");
        var step = Assert.Single(table.Steps);
        Assert.Equal("Action plans will be drafted Action plans per country, then a shared one.", Text(step));
    }

    [Fact]
    public void A_single_word_that_finishes_the_label_is_taken_even_with_content_after_it()
    {
        var table = Table("First strategic step or action in the next 6", "months The campaign starts.");
        Assert.Equal("The campaign starts.", Text(Assert.Single(table.Steps)));
    }

    [Fact]
    public void A_whole_label_on_one_line_with_its_content()
    {
        var table = Table(
            "What 3 strategic steps did the group suggest?",
            "Third strategic step or action in the next 6 months Partners will draft a statement.",
            "Specifically who in civil society will work on it? PICUM.");
        Assert.Equal("What 3 strategic steps did the group suggest?", table.Question.Text);
        var step = Assert.Single(table.Steps);
        Assert.Equal(3, step.Ordinal);
        Assert.Equal("Partners will draft a statement.", Text(step));
        Assert.Equal("PICUM.", Who(step));
    }

    [Theory]
    [InlineData("Jill Belisario", "Person")]
    [InlineData("Teresa Buczkowska", "Person")]
    [InlineData("Jean-Pierre van der Berg", "Person")]
    [InlineData("Immigrant Council of Ireland", "Organisation")]
    [InlineData("Transnational Migrant Platform", "Organisation")]
    [InlineData("the Global Coalition on Migration", "Organisation")]
    [InlineData("Groups that attended the PGA", "Organisation")]
    [InlineData("PICUM", "Organisation")]
    [InlineData("Women in Migration Network", "Organisation")]
    [InlineData("Europe", "None")]
    [InlineData("March 21st", "None")]
    [InlineData("10 participants in the session expressed interest in being included", "None")]
    [InlineData("a small group of leading organisations", "None")]
    [InlineData("This might be expanded later.", "None")]
    public void Names_are_told_apart_by_their_shape(string item, string kind) =>
        Assert.Equal(kind, NameClassifier.Classify(item).ToString());

    [Theory]
    [InlineData("shared", "share")]
    [InlineData("coordinated", "coordinate")]
    [InlineData("organised", "organise")]
    [InlineData("hosted", "host")]
    [InlineData("planned", "plan")]
    [InlineData("called", "call")]
    [InlineData("applied", "apply")]
    [InlineData("led", "lead")]
    [InlineData("need", "need")]
    [InlineData("exceed", "exceed")]
    public void Past_participles_give_their_base_form(string participle, string verb) =>
        Assert.Equal(verb, VerbForms.Base(participle));

    [Theory]
    [InlineData("share", "shares")]
    [InlineData("reach", "reaches")]
    [InlineData("apply", "applies")]
    [InlineData("go", "goes")]
    [InlineData("play", "plays")]
    public void Third_person_of_a_verb(string verb, string form) => Assert.Equal(form, VerbForms.ThirdPerson(verb));

    [Theory]
    [InlineData("10", 10)]
    [InlineData("ten", 10)]
    [InlineData("Twelve", 12)]
    [InlineData("twenty-five", 25)]
    [InlineData("twenty five", 25)]
    public void Counts_are_read_in_digits_or_words(string text, int value)
    {
        Assert.True(NumberWords.TryParse(text, out var read));
        Assert.Equal(value, read);
    }

    [Theory]
    [InlineData("eleventy")]
    [InlineData("twenty-twenty")]
    [InlineData("99999999999")]
    [InlineData("")]
    public void Other_words_are_not_counts(string text) => Assert.False(NumberWords.TryParse(text, out _));

    [Theory]
    [InlineData("launched by March 21%, the international day", "launched by March 21st, the international day")]
    [InlineData("on the 10% of December", "on the 10th of December")]
    [InlineData("by March 2%", "by March 2nd")]
    [InlineData("on 13% December", "on 13th December")]
    [InlineData("21% of migrants in March", "21% of migrants in March")]
    [InlineData("a 10% rise", "a 10% rise")]
    public void Percent_signs_for_superscript_ordinals_are_repaired_next_to_a_month_only(string text, string repaired) =>
        Assert.Equal(repaired, DatePhrases.RepairOrdinals(text));

    [Theory]
    [InlineData("to be reported on at the GFMD in Germany in June 2017, and", 6, 2017)]
    [InlineData("at the GFMD in Berlin on June 28-30, 2017", 6, 2017)]
    [InlineData("at the GFMD in Germany in June", 6, null)]
    [InlineData("up to the forum, which may or may not meet", null, null)]
    public void The_month_a_period_runs_to(string text, int? month, int? year)
    {
        var found = DatePhrases.TryFindMonth(text, out var end);
        Assert.Equal(month is not null, found);
        Assert.Equal((month ?? 0, year), (end.Month, end.Year));
    }

    [Fact]
    public void Lone_page_numbers_go_but_a_number_that_starts_a_sentence_stays()
    {
        var lines = LineCleaner.Split("text\n\n3\n\nmore\n10\nparticipants expressed interest\n- 4 -\nPage 5 of 9");
        var cleaned = PageFurniture.Remove(lines, _ => false).Select(l => l.Text);
        Assert.Equal(["text", "", "", "", "more", "10", "participants expressed interest", "", ""], cleaned);
    }

    [Fact]
    public void Headers_repeated_at_the_top_of_pages_go_but_table_labels_stay()
    {
        var lines = LineCleaner.Split("Running header\nsociety will work on it?\nA\n\fRunning header\nB\nsociety will work on it?\n\fRunning header\nC");
        var cleaned = PageFurniture.Remove(lines, t => t.StartsWith("society", StringComparison.Ordinal)).Select(l => l.Text);
        Assert.Equal(["", "society will work on it?", "A", "", "B", "society will work on it?", "", "C"], cleaned);
    }

    [Fact]
    public void People_and_organisations_that_start_a_sentence_are_found()
    {
        var parties = ContactFinder.Find(
            "PICUM will draft the statement. The group agreed. Kenji Sato will host the call if funded.",
            "Teresa Buczkowska of the Immigrant Council of Ireland will coordinate a sub-group; Global Coalition on Migration is a partner.",
            null);
        Assert.Equal(
        [
            new("Teresa Buczkowska", "Immigrant Council of Ireland", "coordinates a sub-group", null),
            new("Kenji Sato", null, "hosts the call", "if funded"),
        ], parties.Contacts);
        Assert.Equal(["Global Coalition on Migration", "PICUM", "Immigrant Council of Ireland"], parties.Organisations);
    }

    [Theory]
    [InlineData("society will work on it?", true)]
    [InlineData("Specifically who in civil", true)]
    [InlineData("action in the next 6", true)]
    [InlineData("months", true)]
    [InlineData("Second strategic step or | The group agreed", true)]
    [InlineData("2. Civil society commitments for the six months June-December 2017", true)]
    [InlineData("Special session C - Creating welcoming societies", true)]
    [InlineData("December 2017", false)]
    [InlineData("GFMD 2016 Civil Society Days", false)]
    [InlineData("society groups in Europe", false)]
    public void Structural_lines_are_never_taken_for_page_headers(string line, bool structural) =>
        Assert.Equal(structural, ReportStructure.IsStructural(line));

    [Theory]
    [InlineData("This will depend on structure of UN campaign.", "structure of UN campaign")]
    [InlineData("Depends on the outcome of the elections; more later", "outcome of the elections")]
    [InlineData("It is dependent upon funding.", "funding")]
    [InlineData("Nothing to wait for.", null)]
    public void Dependencies_are_what_follows_depend_on(string text, string? dependency) =>
        Assert.Equal(dependency, ClauseFinder.Dependency(text));

    [Theory]
    [InlineData("willing to coordinate a sub-group if there is interest.", "if there is interest")]
    [InlineData("We start in May, provided that funding comes; then more.", "provided that funding comes")]
    [InlineData("They talk as if nothing happened.", null)]
    [InlineData("We go on even if it rains.", null)]
    public void Conditions_run_to_the_end_of_their_clause(string text, string? condition) =>
        Assert.Equal(condition, ClauseFinder.Condition(text));

    [Theory]
    [InlineData("10 participants in the session expressed interest in being included", 10)]
    [InlineData("ten participants have expressed interest", 10)]
    [InlineData("Interest was expressed by 7 organisations.", 7)]
    [InlineData("Participants expressed interest in experience sharing", null)]
    public void Interest_is_counted_in_digits_or_words(string text, int? count) =>
        Assert.Equal(count, ClauseFinder.Interest(text)?.Interest.Count);

    [Theory]
    [InlineData("1. Civil society commitments for the next 6 months (through GFMD in Germany)", "Commitments", 1)]
    [InlineData("4, Reflections", "Reflections", 4)]
    [InlineData("3 . Priority messages to convey to governments", "PriorityMessages", 3)]
    [InlineData("Reflections", "Reflections", null)]
    [InlineData("Priority messages to convey to governments by the CSD Chair on 10 December", "PriorityMessages", null)]
    public void Section_headings_are_read_by_their_words(string text, string kind, int? number)
    {
        Assert.True(SectionHeading.TryParse(text, out var heading));
        Assert.Equal(kind, heading.Kind.ToString());
        Assert.Equal(number, heading.Number);
    }

    [Theory]
    [InlineData("Reflections from the session leads:")]
    [InlineData("1) The UN-led Together Campaign must seek to address structural inequalities")]
    [InlineData("Priority messages were discussed at length.")]
    [InlineData("10 participants in the session expressed interest")]
    public void Other_lines_are_not_headings(string text) => Assert.False(SectionHeading.TryParse(text, out _));
}
