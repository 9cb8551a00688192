using System.Text.Json.Serialization;

namespace Network.Domain.Storage;

/// <summary>
/// The state of an outbox that remembers what it sent in a keyed set rather than in itself (<see cref="SentIdRows"/>):
/// the one home of how the link, webhook and mail outboxes hand their sent ids to the storage with their writes.
/// </summary>
public abstract class SentIdState(string set) : IAppendsRows
{
    /// <summary>Ids sent and not yet written to the set.</summary>
    [JsonIgnore]
    internal SentIdRows Sent { get; } = new(set);

    /// <summary>Ids sent, as versions before the sent-id sets kept them (oldest first); they move there at the next write.</summary>
    public List<string> SentIds { get; set; } = [];

    [JsonIgnore]
    public IReadOnlyList<LogRow> PendingLogRows => [];

    [JsonIgnore]
    public IReadOnlyList<KeyRow> PendingKeyRows => Sent.Pending;

    public virtual void RowsStored() => Sent.Stored();
}
