namespace Network.Domain.Storage;

/// <summary>
/// A message waiting in one of the queues (<see cref="StateQueues"/>), added in the same transaction as the state of
/// the grain that made it.
/// </summary>
/// <param name="Queue">Which queue (<see cref="StateQueues.LinkOutbox"/>).</param>
/// <param name="Owner">Whose queue: the key of the grain that sends it (for the link outbox, the tenant id).</param>
/// <param name="Key">The message's id, unique per owner: queued once, and not again once sent.</param>
/// <param name="Source">The grain whose change it reports (a commitment, a workflow instance): messages of one source go out in the order they were queued.</param>
/// <param name="Kind">The message's type (for the link outbox, the contract's name, e.g. "ProgressReported").</param>
/// <param name="Body">The message itself, as the sender hands it on (JSON).</param>
/// <param name="At">When it was queued.</param>
public sealed record QueueRow(string Queue, string Owner, string Key, string Source, string Kind, string Body, DateTimeOffset At)
{
    /// <summary>Its place in the queue, given by the store (increasing in the order rows were committed); 0 before it is stored.</summary>
    public long Seq { get; init; }
}
