using Network.Domain.Commitments;
using Network.Domain.Reporting;
using static Network.Domain.Tests.Reporting.ReportFixtures;

namespace Network.Domain.Tests.Reporting;

/// <summary>The reports read stalls, escalations and task answers from what the shipped lifecycle really records, run on a virtual clock.</summary>
public sealed class LifecycleTrailTests
{
    [Fact]
    public void A_silent_commitment_stalls_and_the_report_shows_the_rung_the_ladder_reached()
    {
        var silent = Followed(Snapshot(Draft("c-1")), Day(70));

        var atDay50 = ReportCommitmentBuilder.Build(silent, Day(50));
        var atDay70 = ReportCommitmentBuilder.Build(silent, Day(70));

        Assert.Equal((1, 1, true), (atDay50.Stall.Stalls, atDay50.Stall.HighestEscalation, atDay50.Stall.StalledNow));
        Assert.Equal(Day(45), atDay50.Stall.StalledSince);
        Assert.Equal(3, atDay70.Stall.HighestEscalation);
        Assert.Equal(3, atDay70.Stall.CurrentEscalation);
        Assert.Equal(CommitmentStatuses.Stalled, atDay70.Status);
        Assert.Equal(CommitmentStatuses.NotStarted, atDay70.RecordedStatus);
    }

    [Fact]
    public void Progress_clears_the_stall_but_the_report_remembers_how_far_it_went()
    {
        var revived = Followed(Snapshot(Draft("c-1"), (55, CommitmentStatuses.Limited, "Back on track", null)), Day(80));

        var report = ReportCommitmentBuilder.Build(revived, Day(80));

        Assert.False(report.Stall.StalledNow);
        Assert.Equal(1, report.Stall.Stalls);
        Assert.Equal(2, report.Stall.HighestEscalation); // owners on day 45, their coordinator on day 52, progress on day 55
        Assert.Equal(0, report.Stall.CurrentEscalation);
        Assert.Equal(CommitmentStatuses.Limited, report.Status);
    }

    [Fact]
    public void The_owners_forum_report_and_the_coordinators_review_come_from_their_tasks()
    {
        // Due 30 June: the report task opens 30 days before; the review task at year end.
        var draft = Draft("c-1");
        var snapshot = Snapshot(draft, (20, CommitmentStatuses.Limited, null, null), (50, CommitmentStatuses.Limited, null, null),
            (90, CommitmentStatuses.Limited, null, null), (130, CommitmentStatuses.Substantial, null, null), (170, CommitmentStatuses.Substantial, null, null));
        var followed = Followed(snapshot, Day(380),
            Answer(LifecycleConventions.ForumReportStep, Day(165), CommitmentStatuses.Substantial, "Law in second reading"),
            Answer(LifecycleConventions.YearEndReviewStep, Day(366), CommitmentStatuses.Complete, "Adopted in November"));

        var beforeForum = ReportCommitmentBuilder.Build(followed, Day(140));
        var afterForum = ReportCommitmentBuilder.Build(followed, Day(200));
        var afterReview = ReportCommitmentBuilder.Build(followed, Day(380));

        Assert.Null(beforeForum.ForumReport);
        Assert.False(beforeForum.ForumReportAsked);
        Assert.Equal((CommitmentStatuses.Substantial, "Law in second reading"), (afterForum.ForumReport!.Status, afterForum.ForumReport.Note));
        Assert.True(afterForum.ForumReportOnTime);
        Assert.False(afterForum.Review.Reviewed);
        Assert.Equal((CommitmentStatuses.Complete, "Adopted in November"), (afterReview.Review.FinalStatus, afterReview.Review.Note));
    }

    [Fact]
    public void A_forum_report_asked_for_and_never_given_shows_as_missing()
    {
        var snapshot = Snapshot(Draft("c-1"), (20, CommitmentStatuses.Limited, null, null), (60, CommitmentStatuses.Limited, null, null),
            (100, CommitmentStatuses.Limited, null, null), (140, CommitmentStatuses.Limited, null, null));
        var followed = Followed(snapshot, Day(200));

        var report = ReportCommitmentBuilder.Build(followed, Day(200));

        Assert.Null(report.ForumReport);
        Assert.True(report.ForumReportAsked);
        Assert.Equal(new DateTimeOffset(2017, 6, 30, 0, 0, 0, TimeSpan.Zero), report.ForumReportDueAt);
    }
}
