using Network.Domain.Commitments;
using Network.Domain.Reporting;
using static Network.Domain.Tests.Reporting.ReportFixtures;

namespace Network.Domain.Tests.Reporting;

/// <summary>The year-end review of a simulated year: the shipped lifecycle on a virtual clock, with progress, silence and reviews.</summary>
public sealed class YearEndReviewBuilderTests
{
    private static readonly DateTimeOffset YearEnd = new(2018, 1, 20, 0, 0, 0, TimeSpan.Zero);

    private static YearEndReview SimulatedYear()
    {
        // c-1 reports every month and is reviewed complete; c-2 falls silent and climbs the whole ladder, never reviewed;
        // c-3 is owned by a name no tenant matched and due the next year, so the review leaves it out.
        var steady = Snapshot(Draft("c-1"),
            Enumerable.Range(1, 11).Select(m => (m * 30, m < 6 ? CommitmentStatuses.Limited : CommitmentStatuses.Substantial, (string?)null, (string?)null)).ToArray());
        var silent = Snapshot(Draft("c-2", ordinal: 2, owners: [new CommitmentOwner("International Catholic Migration Commission", "network/icmc")]),
            (10, CommitmentStatuses.Limited, "Started", null));
        var nextYear = Snapshot(Draft("c-3", period: 2, dueOn: new DateOnly(2018, 6, 30), owners: [new CommitmentOwner("Unknown Network", null)]));
        var sources = new[]
        {
            Followed(steady, YearEnd,
                Answer(LifecycleConventions.ForumReportStep, Day(160), CommitmentStatuses.Substantial, "On track"),
                Answer(LifecycleConventions.YearEndReviewStep, Day(370), CommitmentStatuses.Complete, "Done")),
            Followed(silent, YearEnd),
            Followed(nextYear, YearEnd),
        };
        return YearEndReviewBuilder.Build("network", "Network", 2017, sources,
            [new SessionHeading("network", "s1", "Session one", new DateOnly(2016, 12, 9))], YearEnd, YearEnd);
    }

    [Fact]
    public void A_reviewed_commitment_shows_its_final_status_and_a_stalled_one_the_rung_it_reached()
    {
        var review = SimulatedYear();

        var commitments = review.Commitments.ToDictionary(c => c.Commitment.Id);
        Assert.Equal(["c-1", "c-2"], commitments.Keys.Order());
        Assert.Equal(CommitmentStatuses.Complete, commitments["c-1"].Verdict.FinalStatus);
        Assert.Equal(CommitmentStatuses.Complete, commitments["c-1"].CountedStatus);
        Assert.False(commitments["c-2"].Verdict.Reviewed);
        Assert.Equal(3, commitments["c-2"].Commitment.Stall.HighestEscalation);
        Assert.Equal(CommitmentStatuses.Stalled, commitments["c-2"].CountedStatus);
        Assert.Equal(1, review.NotReviewed);
    }

    [Fact]
    public void Each_owner_gets_a_line_of_the_accountability_table()
    {
        var review = SimulatedYear();

        var tmp = review.Owners.Single(o => o.Owner.Tenant == "tmp");
        var icmc = review.Owners.Single(o => o.Owner.Tenant == "icmc");
        Assert.Equal((1, 1, 0, 1, 1), (tmp.Commitments, tmp.Complete, tmp.Stalled, tmp.ReportsAsked, tmp.ReportsOnTime));
        Assert.Equal((1, 0, 1, 1, 0), (icmc.Commitments, icmc.Complete, icmc.Stalled, icmc.ReportsAsked, icmc.ReportsOnTime));
        Assert.DoesNotContain(review.Owners, o => o.Owner.Tenant is null);
    }

    [Fact]
    public void The_overview_names_the_open_escalation_and_the_longest_silence()
    {
        var steady = Snapshot(Draft("c-1"), (30, CommitmentStatuses.Limited, null, null), (60, CommitmentStatuses.Limited, null, null));
        var silent = Snapshot(Draft("c-2", ordinal: 2), (10, CommitmentStatuses.Limited, null, null));
        var done = Snapshot(Draft("c-3", ordinal: 3), (5, CommitmentStatuses.Complete, null, null));
        var overview = NetworkOverviewBuilder.Build("network", "Network",
            [Followed(steady, Day(80)), Followed(silent, Day(80)), Followed(done, Day(80))], [], Day(80), Day(80));

        Assert.Equal(["c-2", "c-1"], overview.LongestSilent.Select(c => c.Id));
        var open = Assert.Single(overview.OpenEscalations);
        Assert.Equal(("c-2", 3), (open.Commitment.Id, open.Level)); // stalled on day 55: owners, then their coordinator (day 62), then the chair (day 69)
        Assert.Equal(3, overview.Sessions.Single().Counts.Total);
    }
}
