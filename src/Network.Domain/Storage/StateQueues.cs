namespace Network.Domain.Storage;

/// <summary>
/// The queues grains hand messages to beside their state: each is a table of the same name holding, per owner, the
/// messages waiting to go out, oldest first. Any grain's unit may add to a queue (a commitment adds the link messages
/// of the change it writes, in the same transaction); the owner's grain takes them in order and deletes each in the
/// unit that records it as sent. A message whose key is already queued, or already in the queue's sent set
/// (<see cref="SentSet"/>), is not queued again, so a change handed on twice goes out once.
/// </summary>
public static class StateQueues
{
    /// <summary>Messages for a tenant's outbound link (owner: the tenant id, key: the message id).</summary>
    public const string LinkOutbox = "link_outbox";

    public static IReadOnlyList<string> All { get; } = [LinkOutbox];

    /// <summary>The keyed set that remembers the keys a queue's messages went out under.</summary>
    public static string SentSet(string queue) => Checked(queue) switch
    {
        LinkOutbox => StateKeySets.SentLinkMessageIds,
        _ => throw new ArgumentException($"The queue '{queue}' has no sent set.", nameof(queue)),
    };

    /// <summary>Throws unless <paramref name="queue"/> is one of <see cref="All"/> (a queue name becomes a table name).</summary>
    public static string Checked(string queue) => All.Contains(queue, StringComparer.Ordinal)
        ? queue
        : throw new ArgumentException($"'{queue}' is not one of the state queues ({string.Join(", ", All)}).", nameof(queue));
}
