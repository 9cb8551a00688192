using System.Text.Json;
using System.Text.Json.Serialization;
using Network.Domain.ReadModel;
using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.Commitments;

/// <summary>
/// The stored state of a commitment grain. Its history is not in it: each write appends the new entries to the
/// history table (<see cref="StateLogs.CommitmentHistory"/>), so the stored state does not grow with the updates.
/// </summary>
public sealed class CommitmentState : IAppendsRows
{
    public const string StateName = "commitment";

    private readonly List<LogRow> _pendingHistory = [];
    private readonly List<KeyRow> _pendingApplied = [];
    private readonly List<QueueRow> _pendingLinkMessages = [];
    private KeyRow[]? _pendingClaims;
    private IStateCompanion? _companion;

    public bool Exists { get; set; }
    public string HomeTenant { get; set; } = "";
    public CommitmentDraft? Draft { get; set; }
    public string Status { get; set; } = CommitmentStatuses.NotStarted;
    /// <summary>
    /// Entries not yet moved to the history table: between a change and its write, and in states stored before the
    /// table existed. <see cref="HistoryStored"/> entries come before them.
    /// </summary>
    public List<CommitmentHistoryEntry> History { get; set; } = [];

    /// <summary>How many history entries are in the history table (numbered 1 to this).</summary>
    public long HistoryStored { get; set; }

    /// <summary>History entries the next write appends to the history table.</summary>
    [JsonIgnore]
    public IReadOnlyList<LogRow> PendingLogRows => _pendingHistory;

    /// <summary>Applied message ids the next write adds to their table.</summary>
    [JsonIgnore]
    public IReadOnlyList<KeyRow> PendingKeyRows => _pendingApplied;

    /// <summary>The id of the message the next write applies, which must not be in the applied-message table yet.</summary>
    [JsonIgnore]
    public IReadOnlyList<KeyRow> PendingClaims => _pendingClaims ?? [];

    /// <summary>The link messages of the changes the next write stores, queued with it (<see cref="StateQueues.LinkOutbox"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<QueueRow> PendingQueueRows => _pendingLinkMessages;

    /// <summary>The commitment's list row, written in the next write's unit when the read model can (see <see cref="IStateCompanion"/>).</summary>
    [JsonIgnore]
    public IStateCompanion? PendingCompanion => _companion;

    internal void ListWithThisWrite(IStateCompanion? companion) => _companion = companion;

    public void RowsStored()
    {
        _companion = null;
        _pendingHistory.Clear();
        _pendingApplied.Clear();
        _pendingClaims = null;
        _pendingLinkMessages.Clear();
    }

    /// <summary>
    /// Queues the link messages of the outbox's events not yet queued with the next write, and marks those events
    /// (<see cref="Workflows.DomainEventRecord.LinksQueued"/>); <paramref name="messagesOf"/> makes an event's messages.
    /// </summary>
    public async Task QueueLinkMessagesAsync(Func<Workflows.DomainEventRecord, Task<IReadOnlyList<QueueRow>>> messagesOf)
    {
        ArgumentNullException.ThrowIfNull(messagesOf);
        for (var i = 0; i < Outbox.Count; i++)
        {
            if (!Outbox[i].LinksQueued)
            {
                _pendingLinkMessages.AddRange(await messagesOf(Outbox[i]));
                Outbox[i] = Outbox[i] with { LinksQueued = true };
            }
        }
    }

    /// <summary>
    /// Moves <see cref="History"/>'s entries to the rows the next write appends (numbered after the stored ones), and
    /// <see cref="AppliedMessageIds"/> to the members it adds, and answers the entries; called just before the write,
    /// so the snapshot written holds none of them. <paramref name="claimedMessageIds"/>, the ids of the messages the
    /// write applies, are claimed (<see cref="IAppendsRows.PendingClaims"/>): the write fails if one was applied before.
    /// </summary>
    public IReadOnlyList<CommitmentHistoryLine> MoveHistoryToLog(string grainKey, IReadOnlyList<string> claimedMessageIds)
    {
        ArgumentNullException.ThrowIfNull(claimedMessageIds);
        _pendingApplied.AddRange(AppliedMessageIds.Select(id => new KeyRow(StateKeySets.AppliedMessageIds, grainKey, id, UpdatedAt)));
        AppliedMessageIds = [];
        _pendingClaims = claimedMessageIds.Count == 0 ? null
            : claimedMessageIds.Select(id => new KeyRow(StateKeySets.AppliedMessageIds, grainKey, id, UpdatedAt)).ToArray();
        var moved = UnstoredHistory().ToList();
        foreach (var line in moved)
        {
            _pendingHistory.Add(new LogRow(StateLogs.CommitmentHistory, grainKey, line.Seq, line.Entry.At,
                JsonSerializer.Serialize(line.Entry, StoredStateJson.Options)));
        }
        HistoryStored += moved.Count;
        History = [];
        return moved;
    }

    /// <summary>One stored history entry read back from the history table, with its number.</summary>
    public static CommitmentHistoryLine ReadHistoryLine(LogRow row) =>
        new(row.Seq, JsonSerializer.Deserialize<CommitmentHistoryEntry>(row.EntryJson, StoredStateJson.Options)
            ?? throw new JsonException($"History entry {row.Seq} of {row.Owner} is null."));
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When progress was last reported (null: never). Kept here so it need not be found in the history.</summary>
    public DateTimeOffset? LastProgressAt { get; set; }

    /// <summary>
    /// False in states stored before <see cref="LastProgressAt"/> existed: the grain then finds it in the whole
    /// history once, and the next write stores it.
    /// </summary>
    public bool LastProgressTracked { get; set; }

    /// <summary>How many entries the whole history has: those in the table, then those not yet moved there.</summary>
    [JsonIgnore]
    public long HistoryCount => HistoryStored + History.Count;

    /// <summary>Events raised by changes and not yet handed to the workflows (see <see cref="Workflows.DomainEventRecord"/>).</summary>
    public List<Workflows.DomainEventRecord> Outbox { get; set; } = [];

    /// <summary>
    /// Ids of link messages (and sheet rows) applied in states stored before the applied-message table existed: the
    /// next write moves them to that table (<see cref="StateKeySets.AppliedMessageIds"/>). A message applied since is
    /// claimed in that table by the write that applies it (<see cref="MoveHistoryToLog"/>), so a redelivery changes
    /// nothing, however long ago the first was applied (within <see cref="StateKeySets.Retention"/>).
    /// </summary>
    public List<string> AppliedMessageIds { get; set; } = [];

    /// <summary>True when the message is among the ids this state still holds (older ones are in the table).</summary>
    public bool HoldsApplied(string messageId) => AppliedMessageIds.Contains(messageId, StringComparer.Ordinal);

    /// <summary>Counts the writes of this state; the list row carries it so it only ever moves forward.</summary>
    public long Version { get; set; }

    public IEnumerable<TenantPath> OwnerTenants =>
        (Draft?.Owners ?? []).Where(o => o.Tenant is not null).Select(o => TenantPath.Parse(o.Tenant!));

    /// <summary>The commitment as grains hand it out, with the latest of its history (kept by the grain).</summary>
    public CommitmentSnapshot ToSnapshot(IReadOnlyList<CommitmentHistoryLine> recentHistory) =>
        new(TenantPath.Parse(HomeTenant), Draft!, Status, recentHistory, CreatedAt, UpdatedAt, HistoryCount, LastProgressAt);

    /// <summary>The entries not yet in the history table, numbered after the stored ones.</summary>
    public IEnumerable<CommitmentHistoryLine> UnstoredHistory() =>
        History.Select((entry, i) => new CommitmentHistoryLine(HistoryStored + i + 1, entry));

    /// <summary>The row lists show.</summary>
    public CommitmentListRow ToListRow(string grainKey)
    {
        var draft = Draft!;
        var summary = draft.Text.Length <= 200 ? draft.Text : draft.Text[..197] + "...";
        return new CommitmentListRow(grainKey, draft.Id, HomeTenant, draft.SessionId, draft.Period, draft.Ordinal, summary,
            Status, draft.DueOn, OwnerTenants.Select(t => t.Value).Distinct().ToList(), UpdatedAt, Version);
    }
}
