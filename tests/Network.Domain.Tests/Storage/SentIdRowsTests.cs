using Network.Domain.Storage;

namespace Network.Domain.Tests.Storage;

/// <summary>An outbox's sent ids: known from the state an earlier version wrote, from the rows about to be written, and from the set.</summary>
public sealed class SentIdRowsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The members already stored, as the state store answers for them.</summary>
    private sealed class StoredSet(params (string Set, string Owner, string Key)[] members) : IStateLogReader
    {
        public Task<bool> ContainsAsync(string keySet, string owner, string key, CancellationToken cancellationToken = default) =>
            Task.FromResult(members.Contains((keySet, owner, key)));

        public Task<IReadOnlyList<string>> MembersAsync(string keySet, string owner, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>([.. members.Where(m => m.Set == keySet && m.Owner == owner).Select(m => m.Key).Order(StringComparer.Ordinal)]);

        public Task<IReadOnlyList<LogRow>> ReadAsync(string log, string owner, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<LogRow>>([]);

        public Task<IReadOnlyList<LogRow>> ReadLastAsync(string log, string owner, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<LogRow>>([]);

        public Task<IReadOnlyList<QueueRow>> QueuedAsync(string queue, string owner, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<QueueRow>>([]);
    }

    [Fact]
    public async Task An_id_counts_as_sent_when_the_old_state_holds_it_a_write_is_about_to_add_it_or_the_set_has_it()
    {
        var logs = new StoredSet((StateKeySets.SentEmailIds, "outbox", "stored"), (StateKeySets.SentLinkMessageIds, "outbox", "other-set"));
        var rows = new SentIdRows(StateKeySets.SentEmailIds);
        List<string> legacy = ["old"];

        Assert.True(await rows.WasSentAsync(logs, "outbox", "old", legacy));
        Assert.True(await rows.WasSentAsync(logs, "outbox", "stored", legacy));
        Assert.False(await rows.WasSentAsync(logs, "another-outbox", "stored", legacy));
        Assert.False(await rows.WasSentAsync(logs, "outbox", "other-set", legacy));
        Assert.False(await rows.WasSentAsync(logs, "outbox", "new", legacy));

        rows.Add("outbox", ["new"], legacy, At);
        Assert.Empty(legacy);
        Assert.True(await rows.WasSentAsync(logs, "outbox", "new", legacy));
        Assert.True(await rows.WasSentAsync(logs, "outbox", "old", legacy));
        Assert.Equal(["old", "new"], rows.Pending.Select(r => r.Key));

        rows.Stored();
        Assert.Empty(rows.Pending);
    }

    [Fact]
    public void A_set_that_is_not_one_of_the_keyed_sets_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SentIdRows("orleans_grain_state"));
    }
}
