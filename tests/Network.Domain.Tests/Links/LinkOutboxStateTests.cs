using Network.Domain.Links;
using Network.Domain.Storage;

namespace Network.Domain.Tests.Links;

/// <summary>The link outbox's state: sent ids leave it for their set, those an earlier version kept inside it too.</summary>
public sealed class LinkOutboxStateTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_sent_id_and_those_an_earlier_version_kept_in_the_state_go_to_the_sent_id_set_with_the_next_write()
    {
        var state = new TenantLinkOutboxGrain.State { SentIds = ["old-1", "old-2"] };

        state.Sent.Add("tmp", ["new-1"], state.SentIds, At);

        Assert.Empty(state.SentIds);
        Assert.Equal(["old-1", "old-2", "new-1"], state.PendingKeyRows.Select(row => row.Key));
        Assert.All(state.PendingKeyRows, row => Assert.Equal((StateKeySets.SentLinkMessageIds, "tmp", At), (row.Set, row.Owner, row.At)));
        Assert.Empty(state.PendingLogRows);

        state.RowsStored();
        Assert.Empty(state.PendingKeyRows);
    }
}
