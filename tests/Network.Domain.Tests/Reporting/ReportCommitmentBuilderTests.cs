using Network.Domain.Commitments;
using Network.Domain.Reporting;
using static Network.Domain.Tests.Reporting.ReportFixtures;

namespace Network.Domain.Tests.Reporting;

public sealed class ReportCommitmentBuilderTests
{
    private static readonly CommitmentSnapshot Moving = Snapshot(Draft("c-1"),
        (59, CommitmentStatuses.Limited, "Workshop held", "https://example.org/workshop"),
        (212, CommitmentStatuses.Substantial, "Draft law tabled", "javascript:alert(1)"),
        (240, CommitmentStatuses.Substantial, "Second reading", "https://example.org/workshop"));

    [Fact]
    public void The_status_is_the_one_recorded_by_the_moment_asked_for()
    {
        var june = ReportCommitmentBuilder.Build(Source(Moving), MilestoneRule.EndOf(new DateOnly(2017, 6, 1)));
        var december = ReportCommitmentBuilder.Build(Source(Moving), MilestoneRule.EndOf(new DateOnly(2017, 12, 1)));

        Assert.Equal(CommitmentStatuses.Limited, june.Status);
        Assert.Equal("Workshop held", june.LatestUpdate!.Note);
        Assert.Equal(CommitmentStatuses.Substantial, december.Status);
        Assert.Equal("Second reading", december.LatestUpdate!.Note);
    }

    [Fact]
    public void Before_it_was_recorded_a_commitment_shows_as_the_letter_gave_it()
    {
        var report = ReportCommitmentBuilder.Build(Source(Moving), MilestoneRule.EndOf(new DateOnly(2016, 12, 1)));

        Assert.Equal(CommitmentStatuses.NotStarted, report.Status);
        Assert.Null(report.LatestUpdate);
        Assert.Empty(report.EvidenceLinks);
        Assert.Equal(0, report.Stall.SilentDays);
    }

    [Fact]
    public void Evidence_keeps_only_http_links_each_once()
    {
        var report = ReportCommitmentBuilder.Build(Source(Moving), Day(300));

        Assert.Equal(["https://example.org/workshop"], report.EvidenceLinks);
    }

    [Fact]
    public void The_path_lists_each_change_of_status_from_the_first()
    {
        var report = ReportCommitmentBuilder.Build(Source(Moving), Day(300));

        Assert.Equal([CommitmentStatuses.NotStarted, CommitmentStatuses.Limited, CommitmentStatuses.Substantial], report.StatusPath.Select(s => s.Status));
        Assert.Equal([Recorded, Day(59), Day(212)], report.StatusPath.Select(s => s.At));
    }

    [Fact]
    public void Silences_count_whole_days_since_the_last_progress_and_the_longest_gap()
    {
        var report = ReportCommitmentBuilder.Build(Source(Moving), Day(250));

        Assert.Equal(10, report.Stall.SilentDays);
        Assert.Equal(153, report.Stall.LongestSilenceDays); // day 59 to day 212
    }

    [Fact]
    public void Milestones_are_met_by_progress_in_their_window_missed_without_and_ahead_after_the_moment()
    {
        var draft = Draft("c-2", milestones:
        [
            new CommitmentMilestone("Workshop", new DateOnly(2017, 3, 31)),
            new CommitmentMilestone("Draft law", new DateOnly(2017, 6, 30)),
            new CommitmentMilestone("Adoption", new DateOnly(2017, 12, 31)),
            new CommitmentMilestone("Before Network", new DateOnly(2016, 11, 30)),
        ]);
        var snapshot = Snapshot(draft, (59, CommitmentStatuses.Limited, null, null));

        var report = ReportCommitmentBuilder.Build(Source(snapshot), MilestoneRule.EndOf(new DateOnly(2017, 9, 1)));

        Assert.Equal(
            [("Before Network", MilestoneOutcome.Untracked), ("Workshop", MilestoneOutcome.Met), ("Draft law", MilestoneOutcome.Missed), ("Adoption", MilestoneOutcome.Ahead)],
            report.Milestones.Select(m => (m.Title, m.Outcome)));
    }
}
