using Orleans.Concurrency;

namespace Network.Domain.Links;

/// <summary>
/// The events waiting to go out on one tenant's outbound exchange, keyed by the tenant id. They wait as rows of the
/// link outbox queue (<see cref="Storage.StateQueues.LinkOutbox"/>): queued by a commitment in the write of its change,
/// or by <see cref="Enqueue"/>, stored before the call returns, and kept until the broker confirmed them: a broker
/// outage or a crash of the host delays events, never loses them. The events of one source (a commitment, a workflow
/// instance) go out in the order they were queued; those of different sources are sent side by side.
/// </summary>
public interface ITenantLinkOutboxGrain : IGrainWithStringKey
{
    /// <summary>Stores the messages (those already taken, by message id, are dropped) and starts sending them.</summary>
    [AlwaysInterleave]
    Task Enqueue(IReadOnlyList<LinkMessage> messages);

    /// <summary>Sends what is queued (the host calls this at start for every link; a commitment after queuing in its write).</summary>
    [AlwaysInterleave]
    Task SendPending();

    /// <summary>How many messages wait for the broker.</summary>
    [AlwaysInterleave]
    Task<int> Pending();
}
